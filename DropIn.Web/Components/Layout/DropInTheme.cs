using MudBlazor;

namespace DropIn.Web.Components.Layout;

/// <summary>The one theme. Colours chosen for at least 4.5:1 contrast with their text (WCAG 2.2 AA).</summary>
public static class DropInTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1D4E89",
            Secondary = "#7A2E5C",
            Tertiary = "#0E6E5C",
            AppbarBackground = "#1D4E89",
            Success = "#1B6B2F",
            Warning = "#8A4B00",
            Error = "#B00020",
            Info = "#1D4E89",
            TextSecondary = "rgba(0,0,0,0.70)",
            ActionDefault = "rgba(0,0,0,0.70)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
