using System.Collections;
using System.Reflection;
using Marten;
using NJsonSchema;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Contract;

/// <summary>Every C# event type serialises (with Marten's own serializer) to JSON its schema accepts.</summary>
[Collection(LedgerCollection.Name)]
public sealed class EventSchemaTests(LedgerApp app)
{
    private static readonly string SchemaFolder = Path.Combine(TestDatabase.RepositoryRoot(), "eventschema");

    private static IEnumerable<(string Name, int Version, string Path)> SchemaFiles() =>
        Directory.GetFiles(SchemaFolder, "*.json").Select(path =>
        {
            var parts = System.IO.Path.GetFileNameWithoutExtension(path).Split(".v");
            return (parts[0], int.Parse(parts[1]), path);
        });

    [Fact]
    public void every_event_type_has_a_schema()
    {
        var schemas = SchemaFiles().Select(s => s.Name).ToHashSet();
        var missing = LedgerEventTypes.All.Where(t => !schemas.Contains(SchemaName(t))).Select(t => t.Name).ToList();
        missing.ShouldBeEmpty($"event types without a schema in eventschema/: {string.Join(", ", missing)}");
    }

    [Fact]
    public void every_schema_has_an_event_type()
    {
        var types = LedgerEventTypes.All.Select(SchemaName).ToHashSet();
        var orphans = SchemaFiles().Where(s => !types.Contains(s.Name)).Select(s => System.IO.Path.GetFileName(s.Path)).ToList();
        orphans.ShouldBeEmpty($"schemas without an event type: {string.Join(", ", orphans)}");
    }

    [Fact]
    public async Task every_event_type_serialises_to_json_its_schema_accepts()
    {
        var serializer = app.Store.Options.Serializer();
        var failures = new List<string>();
        foreach (var type in LedgerEventTypes.All)
        {
            var (_, _, path) = SchemaFiles().Where(s => s.Name == SchemaName(type)).MaxBy(s => s.Version);
            var schema = await JsonSchema.FromFileAsync(path);
            var json = serializer.ToJson(Samples.Of(type));
            foreach (var error in schema.Validate(json))
                failures.Add($"{type.Name}: {error.Path} {error.Kind} (json: {json})");
        }
        failures.ShouldBeEmpty(string.Join(Environment.NewLine, failures));
    }

    /// <summary>V2 types (EventTypeV2) share the schema name of their event type.</summary>
    private static string SchemaName(Type type) =>
        type.Name.Length > 2 && type.Name[^2] == 'V' && char.IsDigit(type.Name[^1]) ? type.Name[..^2] : type.Name;
}

/// <summary>Builds an instance of an event with every member filled, from its widest constructor.</summary>
internal static class Samples
{
    public static object Of(Type type, int depth = 0)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return Of(inner, depth);
        if (type == typeof(string)) return "Näyte";
        if (type == typeof(Guid)) return Guid.Parse("0193a0f4-7c2e-7000-8000-000000000001");
        if (type == typeof(int)) return 3;
        if (type == typeof(long)) return 3L;
        if (type == typeof(decimal)) return 12.5m;
        if (type == typeof(double)) return 12.5d;
        if (type == typeof(bool)) return true;
        if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        if (type == typeof(DateOnly)) return new DateOnly(2026, 3, 2);
        if (type.IsEnum) return Enum.GetValues(type).GetValue(0)!;
        if (type.IsGenericType && type.GetGenericTypeDefinition() is var open &&
            (open == typeof(IReadOnlyDictionary<,>) || open == typeof(Dictionary<,>) || open == typeof(IDictionary<,>)))
        {
            var args = type.GetGenericArguments();
            return Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(args))!;
        }
        if (type.IsArray || (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type)))
        {
            var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            if (depth < 4) list.Add(Of(element, depth + 1));
            return list;
        }
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).MaxBy(c => c.GetParameters().Length)
            ?? throw new InvalidOperationException($"No public constructor on {type.Name}");
        return constructor.Invoke(constructor.GetParameters().Select(p => Of(p.ParameterType, depth + 1)).ToArray());
    }
}
