namespace DropIn.Web.Features.Students;

public sealed class StudentService;
