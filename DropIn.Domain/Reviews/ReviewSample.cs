namespace DropIn.Domain.Reviews;

/// <summary>A case that may be drawn for a caseworker's file review: open, or closed recently.</summary>
/// <param name="Caseworkers">Staff ids of everyone on the case: none of them may review it.</param>
public sealed record ReviewCandidate(Guid CaseId, int Number, Guid StudentId, IReadOnlyCollection<string> Caseworkers);

/// <summary>A case drawn for review, and who reviews it (a staff id).</summary>
public sealed record DrawnFile(Guid CaseId, string ReviewerId);

/// <summary>
/// Draws the files to review at random, as the Advice Quality Standard asks (the caseworker does not choose which of
/// their files are read), with a reviewer for each who is independent of it: not on the case, and not walled off
/// from the student by an information barrier, which holds for reviewers as for anyone.
/// </summary>
public static class ReviewSample
{
    /// <summary>
    /// Up to <paramref name="count"/> of <paramref name="candidates"/>, each with a reviewer from <paramref name="reviewers"/>.
    /// The same inputs and <paramref name="seed"/> always give the same sample, so a draw can be shown to an assessor.
    /// A case with no eligible reviewer is passed over; fewer than <paramref name="count"/> come back when too few remain.
    /// </summary>
    /// <param name="barred">Whether a barrier walls the reviewer (a staff id) off from the student (an id).</param>
    public static IReadOnlyList<DrawnFile> Draw(
        IReadOnlyCollection<ReviewCandidate> candidates, IReadOnlyCollection<string> reviewers, Func<string, Guid, bool> barred, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(barred);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);

        // Fixed orders before shuffling: the sample depends on the seed and the data, not on the order a query returned.
        var cases = candidates.OrderBy(c => c.Number).ToArray();
        random.Shuffle(cases);
        var pool = reviewers.Distinct().Order(StringComparer.Ordinal).ToArray();

        var drawn = new List<DrawnFile>();
        foreach (var candidate in cases)
        {
            if (drawn.Count == count)
            {
                break;
            }

            var eligible = pool.Where(r => !candidate.Caseworkers.Contains(r) && !barred(r, candidate.StudentId)).ToArray();
            if (eligible.Length > 0)
            {
                drawn.Add(new DrawnFile(candidate.CaseId, eligible[random.Next(eligible.Length)]));
            }
        }

        return drawn;
    }
}
