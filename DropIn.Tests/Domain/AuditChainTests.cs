using System.Reflection;
using DropIn.Domain.Confidentiality;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

public sealed class AuditChainTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly DateTimeOffset Monday = London.At(2026, 11, 23, 10, 0);

    private static List<AuditEntry> Trail(int count, byte[]? key = null)
    {
        var trail = new List<AuditEntry>();
        for (var i = 0; i < count; i++)
        {
            trail.Add(AuditEntry.Chain(trail.LastOrDefault(), Monday.AddMinutes(i), "sam", "s1", "case.view", "Case", $"case-{i}", AuditOutcome.Allowed, null, key ?? Key));
        }

        return trail;
    }

    private static void Set(AuditEntry entry, string property, object? value) =>
        typeof(AuditEntry).GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.SetValue(entry, value);

    [Fact]
    public void AnUntouchedTrail_IsIntact()
    {
        var result = AuditChain.Verify(Trail(5), Key);

        Assert.Equal((true, 5L, (long?)null), (result.Intact, result.Checked, result.BrokenAt));
    }

    [Theory]
    [InlineData("ActorId", "priya")]
    [InlineData("RecordId", "case-99")]
    [InlineData("Outcome", AuditOutcome.Refused)]
    public void AnEditedEntry_IsFound(string property, object value)
    {
        var trail = Trail(5);
        Set(trail[2], property, value);

        var result = AuditChain.Verify(trail, Key);

        Assert.Equal((false, 3L), (result.Intact, result.BrokenAt));
        Assert.Contains("edited", result.Message);
    }

    [Fact]
    public void TheSignedTime_IsWholeMilliseconds_SoItSurvivesStorage()
    {
        var entry = AuditEntry.Chain(null, Monday.AddTicks(1234567), "sam", null, "signin", null, null, AuditOutcome.Allowed, null, Key);

        Assert.Equal(0, entry.At.Ticks % TimeSpan.TicksPerMillisecond);
        Assert.Equal(TimeSpan.Zero, entry.At.Offset);
    }

    [Fact]
    public void ADeletedEntry_IsFound()
    {
        var trail = Trail(5);
        trail.RemoveAt(2);

        var result = AuditChain.Verify(trail, Key);

        Assert.Equal((false, 4L), (result.Intact, result.BrokenAt));
        Assert.Contains("deleted", result.Message);
    }

    [Fact]
    public void ReorderedEntries_AreFound()
    {
        var trail = Trail(5);
        (trail[1], trail[2]) = (trail[2], trail[1]);

        Assert.False(AuditChain.Verify(trail, Key).Intact);
    }

    [Fact]
    public void AnEntryReplacedAndReSignedWithoutTheKey_IsFound()
    {
        var trail = Trail(5);
        var forged = AuditEntry.Chain(trail[1], Monday.AddMinutes(2), "priya", "s9", "case.view", "Case", "case-2", AuditOutcome.Allowed, null, new byte[32]);
        trail[2] = forged;

        Assert.Equal(3L, AuditChain.Verify(trail, Key).BrokenAt);
    }

    [Fact]
    public void ARenumberedTrailAfterADeletion_StillBreaksTheChain()
    {
        var trail = Trail(5);
        trail.RemoveAt(2);
        Set(trail[2], "Sequence", 3L);
        Set(trail[3], "Sequence", 4L);

        Assert.Equal(3L, AuditChain.Verify(trail, Key).BrokenAt);
    }
}
