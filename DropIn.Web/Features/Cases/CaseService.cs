namespace DropIn.Web.Features.Cases;

public sealed class CaseService;
