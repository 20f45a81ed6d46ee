using Bunit;
using MudBlazor.Services;

namespace DropIn.Tests.Components;

/// <summary>A bUnit context with MudBlazor's services and loose JS interop, as STACK.md describes.</summary>
public abstract class MudTestContext : BunitContext
{
    // bUnit waits 1 s by default for a render a test waits for; a component that reads the real database can take longer
    // when the suite's classes run side by side on two cores (as the browser tests' 30 s patience). A passing test waits no longer.
    static MudTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(30);

    protected MudTestContext()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }
}
