using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace DropIn.Tests.Integration;

/// <summary>Password rules as staff meet them when an account is created: 8 at least, no well-known passwords, not their own name.</summary>
public sealed class PasswordRulesTests(PasswordRulesTests.Fixture fixture) : IClassFixture<PasswordRulesTests.Fixture>
{
    public sealed class Fixture : IAsyncDisposable
    {
        public AppFactory App { get; } = new();

        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    [Theory]
    [InlineData("password123")]
    [InlineData("PASSWORD123")]
    [InlineData("Qwertyuiop")]
    [InlineData("iloveyou1")]
    [InlineData("12345678")]
    public async Task Create_CommonPassword_IsRefusedWhateverTheCase(string password)
    {
        var result = await CreateAsync("Casey Common", password);

        Assert.Contains(result.Errors, e => e.Code == "CommonPassword");
    }

    [Theory]
    [InlineData("Harriet Holloway", "harrietholloway1")]
    [InlineData("Harriet Holloway", "Harriet Holloway!")]
    [InlineData("Harriet Holloway", "my harriet.holloway@staff.test")]
    public async Task Create_PasswordMadeOfOwnNameOrEmail_IsRefused(string name, string password)
    {
        var result = await CreateAsync(name, password);

        Assert.Contains(result.Errors, e => e.Code == "PasswordContainsName");
    }

    [Fact]
    public async Task Create_SevenCharacters_IsTooShort()
    {
        var result = await CreateAsync("Sid Short", "k9#Vb2q");

        Assert.Contains(result.Errors, e => e.Code == nameof(IdentityErrorDescriber.PasswordTooShort));
    }

    [Theory]
    [InlineData("Ellen Eight", "kq7!vb2x")]
    [InlineData("Pat Phrase", "marmalade tortoise lantern")]
    public async Task Create_EightOrMoreUncommonCharacters_IsAccepted(string name, string password)
    {
        var result = await CreateAsync(name, password);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    private Task<IdentityResult> CreateAsync(string name, string password) =>
        fixture.App.UseAsync<UserManager<StaffUser>, IdentityResult>(users => users.CreateAsync(
            new StaffUser { UserName = AppFactory.EmailOf(name), Email = AppFactory.EmailOf(name), DisplayName = name }, password));
}
