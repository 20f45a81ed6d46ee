using DropIn.Domain.Reviews;

namespace DropIn.Web.Features.Reviews;

/// <summary>One caseworker's row in the manager's overview: the plan and the quarter's reviews against it.</summary>
/// <param name="Planned">Files the plan asks for in the quarter (three months of <paramref name="FilesPerMonth"/>).</param>
public sealed record ReviewPlanRow(string StaffId, string Name, int FilesPerMonth, int Planned, int Drawn, int Completed, int Acknowledged);

/// <summary>A review in a list: whose file, which case, who reviews it, and where it stands.</summary>
public sealed record ReviewRow(Guid Id, string CaseReference, string CaseworkerName, string ReviewerName, ReviewStatus Status, DateTimeOffset DrawnAt, int OpenActions);

/// <summary>What the user has to do: files to review, and reviews of their own files to read and act on.</summary>
public sealed record MyReviews(IReadOnlyList<ReviewRow> ToReview, IReadOnlyList<ReviewRow> OfMyFiles);

/// <summary>A review on its page, with the criteria in use (or those scored, once complete) by id and name.</summary>
/// <param name="MayComplete">The user is the reviewer and it is not complete.</param>
/// <param name="MayAcknowledge">The user is the caseworker reviewed.</param>
public sealed record ReviewView(
    FileReview Review, Guid? CaseId, string CaseworkerName, string ReviewerName, IReadOnlyList<(int Id, string Name)> Criteria, bool MayComplete, bool MayAcknowledge);

/// <summary>An action a reviewer sets: what, and the London day it is due.</summary>
public sealed record ActionDraft(string What, DateOnly DueOn);
