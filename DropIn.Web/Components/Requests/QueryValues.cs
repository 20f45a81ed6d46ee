using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;

namespace DropIn.Web.Components.Requests;

/// <summary>
/// The one check of values in a page's address. Pages declare what they read with typed
/// <see cref="SupplyParameterFromQueryAttribute"/> properties (a <see cref="DateOnly"/> for a date, an <see cref="int"/>
/// for a week); a value that does not fit the type is answered "400 Bad Request" with words saying what was expected,
/// before the page runs, instead of an error page from the framework's own parsing.
/// </summary>
public static class QueryValues
{
    /// <summary>Dates in an address lie in this range: far enough for any diary, far from the ends of the calendar.</summary>
    public static readonly DateOnly FirstDate = new(2000, 1, 1);

    public static readonly DateOnly LastDate = new(2099, 12, 31);

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<(string Name, Type Type)>> Declared = new();

    /// <summary>Null when <paramref name="value"/> suits a property of <paramref name="type"/>; otherwise what was expected, in words.</summary>
    public static string? Problem(string name, Type type, string? value)
    {
        var nullable = Nullable.GetUnderlyingType(type);
        var target = nullable ?? type;
        if (string.IsNullOrEmpty(value))
        {
            return nullable is not null || target == typeof(string) ? null : $"\"{name}\" needs a value.";
        }

        return target switch
        {
            _ when target == typeof(string) => null,
            _ when target == typeof(int) => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? null : $"\"{name}\" must be a whole number.",
            _ when target == typeof(long) => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? null : $"\"{name}\" must be a whole number.",
            _ when target == typeof(Guid) => Guid.TryParseExact(value, "D", out _) ? null : $"\"{name}\" must be a record id such as 3f2504e0-4f89-41d3-9a0c-0305e82c3301.",
            _ when target == typeof(bool) => bool.TryParse(value, out _) ? null : $"\"{name}\" must be true or false.",
            _ when target == typeof(DateOnly) => Date(value) is null ? $"\"{name}\" must be a date written yyyy-mm-dd, from {FirstDate:yyyy-MM-dd} to {LastDate:yyyy-MM-dd}." : null,
            _ => $"\"{name}\" cannot be given in the address.",
        };
    }

    /// <summary>A yyyy-MM-dd date within <see cref="FirstDate"/>..<see cref="LastDate"/>, or null.</summary>
    public static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date >= FirstDate && date <= LastDate ? date : null;

    /// <summary>The query parameters a page reads: name (as the address spells it) and property type.</summary>
    public static IReadOnlyList<(string Name, Type Type)> ReadBy(Type component) => Declared.GetOrAdd(component, static type =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => (p.Attribute!.Name ?? p.Property.Name, p.Property.PropertyType))]);

    /// <summary>Checks a page request's address before the page runs (after authorisation, so strangers learn nothing).</summary>
    internal static async Task CheckAsync(HttpContext http, RequestDelegate next)
    {
        if (http.Request.QueryString.HasValue && http.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page)
        {
            foreach (var (name, type) in ReadBy(page.Type))
            {
                // Blazor matches names without regard to case; every value given is checked, not only the one it uses.
                var given = http.Request.Query.Where(q => string.Equals(q.Key, name, StringComparison.OrdinalIgnoreCase)).SelectMany(q => q.Value);
                if (given.Select(v => Problem(name, type, v)).FirstOrDefault(p => p is not null) is { } problem)
                {
                    await StatusText.WriteAsync(http, StatusCodes.Status400BadRequest, "This address has a value that cannot be used: " + problem);
                    return;
                }
            }
        }

        await next(http);
    }
}
