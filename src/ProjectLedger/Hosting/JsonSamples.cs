using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace ProjectLedger.Hosting;

/// <summary>
/// A filled-in JSON document for a type, built from its serializer contract: every property given a
/// value of its type, every list one element, every dictionary one entry. Reading and writing it takes
/// the converters, constructors and property accessors that an empty instance never reaches (the
/// warm-up's use: a first request's body and answer then cost what a warm one does).
/// </summary>
public static class JsonSamples
{
    private const int MaxDepth = 6;

    public static JsonNode? For(Type type, JsonSerializerOptions options) => Build(type, options, 0);

    private static JsonNode? Build(Type type, JsonSerializerOptions options, int depth)
    {
        if (depth > MaxDepth) return null;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Scalar(type) is { } scalar) return JsonSerializer.SerializeToNode(scalar, type, options);

        JsonTypeInfo info;
        try { info = options.GetTypeInfo(type); }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException) { return null; }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                var obj = new JsonObject();
                foreach (var property in info.Properties)
                    if (property.Set is not null || property.AssociatedParameter is not null)
                        obj[property.Name] = Build(property.PropertyType, options, depth + 1);
                return obj;
            case JsonTypeInfoKind.Enumerable when info.ElementType is { } element:
                return new JsonArray(Build(element, options, depth + 1));
            case JsonTypeInfoKind.Dictionary when info.KeyType is { } key && info.ElementType is { } value:
                var name = Scalar(Nullable.GetUnderlyingType(key) ?? key) is { } k
                    ? JsonSerializer.SerializeToNode(k, key, options)?.ToString() ?? "x" : "x";
                return new JsonObject { [name] = Build(value, options, depth + 1) };
            default:
                return null;
        }
    }

    /// <summary>A value for types written as one JSON token; null for everything else.</summary>
    private static object? Scalar(Type type) => type switch
    {
        _ when type == typeof(string) => "x",
        _ when type == typeof(bool) => true,
        _ when type == typeof(Guid) => Guid.CreateVersion7(),
        _ when type == typeof(DateTimeOffset) => DateTimeOffset.UnixEpoch,
        _ when type == typeof(DateTime) => DateTime.UnixEpoch,
        _ when type == typeof(DateOnly) => new DateOnly(2026, 1, 1),
        _ when type == typeof(TimeOnly) => new TimeOnly(12, 0),
        _ when type == typeof(TimeSpan) => TimeSpan.FromMinutes(1),
        _ when type == typeof(Uri) => new Uri("https://example.invalid/"),
        _ when type.IsEnum => Enum.GetValues(type).GetValue(0),
        _ when (type.IsPrimitive && type != typeof(IntPtr) && type != typeof(UIntPtr)) || type == typeof(decimal) => Convert.ChangeType(1, type),
        _ => null,
    };
}
