using Bunit;
using MudBlazor.Services;

namespace DropIn.Tests.Components;

/// <summary>A bUnit context with MudBlazor's services and loose JS interop, as STACK.md describes.</summary>
public abstract class MudTestContext : BunitContext
{
    protected MudTestContext()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }
}
