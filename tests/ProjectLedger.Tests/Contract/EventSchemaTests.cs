using System.Collections;
using System.Reflection;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NJsonSchema;
using ProjectLedger.Tests.Experiments;
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
        var schemas = SchemaFiles().Select(s => (s.Name, s.Version)).ToHashSet();
        var missing = LedgerEventTypes.All.Where(t => !schemas.Contains(SchemaKey(t.Name))).Select(t => t.Name).ToList();
        missing.ShouldBeEmpty($"event types without a schema in eventschema/: {string.Join(", ", missing)}");
    }

    [Fact]
    public void every_schema_has_an_event_type()
    {
        var types = LedgerEventTypes.All.Select(t => SchemaKey(t.Name)).ToHashSet();
        var orphans = SchemaFiles().Where(s => !types.Contains((s.Name, s.Version))).Select(s => System.IO.Path.GetFileName(s.Path)).ToList();
        orphans.ShouldBeEmpty($"schemas without an event type: {string.Join(", ", orphans)}");
    }

    [Fact]
    public async Task every_event_type_serialises_to_json_its_schema_accepts()
    {
        var serializer = app.Store.Options.Serializer();
        var failures = new List<string>();
        foreach (var type in LedgerEventTypes.All)
        {
            var path = SchemaPath(type.Name);
            var schema = await JsonSchema.FromFileAsync(path);
            var json = serializer.ToJson(Samples.Of(type));
            foreach (var error in schema.Validate(json))
                failures.Add($"{type.Name}: {error.Path} {error.Kind} (json: {json})");
        }
        failures.ShouldBeEmpty(string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task the_events_a_full_lifecycle_stores_match_their_schemas()
    {
        var given = new ExperimentScenarios(new Api(app));
        var api = given.Api;
        var adopted = await given.ProposeAsync();
        await api.Post($"/api/experiments/{adopted}/plan", ExperimentBodies.Plan(), 200);
        await api.Post($"/api/experiments/{adopted}/stakeholders", new { organisation = "Vantaan kokemusasiantuntijat", kind = "experienceExpert", roles = new[] { "designedFor", "delivers" } }, 200);
        await api.Post($"/api/experiments/{adopted}/sessions", ExperimentBodies.ExperienceExpertClinic(), 200);
        await api.Post($"/api/experiments/{adopted}/hold", new { reason = "Kesälomakausi" }, 200);
        await api.Post($"/api/experiments/{adopted}/resume", new { }, 200);
        await api.Post($"/api/experiments/{adopted}/pilot", ExperimentBodies.Pilot(), 200);
        await api.Post($"/api/experiments/{adopted}/participation", ExperimentBodies.Myllypuro(reason: "LeanLab-kierros 1"), 200);
        await api.Post($"/api/experiments/{adopted}/measurements", new { metric = ExperimentScenarios.Criterion, value = 31.5, at = "2026-08-31" }, 200);
        await api.Post($"/api/experiments/{adopted}/feedback", new { channel = "chat", score = 4, themes = new[] { "nopeus", "selkokieli" } }, 200);
        await api.Post($"/api/experiments/{adopted}/success-factors", new
        {
            individual = new { competence = 4, commitment = 5 },
            organisation = new { leadership = 4, trustAndCollaboration = 4, flexibleWork = 3, processEmbedding = 2, resourcing = 2 },
        }, 200);
        await api.Post($"/api/experiments/{adopted}/pilot/end", new { ended = "2026-08-31" }, 200);
        await api.Post($"/api/experiments/{adopted}/evaluation", ExperimentBodies.Evaluation("revise"), 200);
        await api.Post($"/api/experiments/{adopted}/pilot", ExperimentBodies.Pilot(), 200);
        await api.Post($"/api/experiments/{adopted}/pilot/end", new { ended = "2026-09-30" }, 200);
        await api.Post($"/api/experiments/{adopted}/evaluation", new
        {
            criteria = new object[]
            {
                new { metric = ExperimentScenarios.Criterion, met = true, note = (string?)null },
                new { metric = ExperimentScenarios.SecondCriterion, met = true, note = (string?)"76 %" },
            },
            verdict = "adopt", lessons = "Toinen pilottikierros onnistui, kun chat-vuorot resursoitiin.",
        }, 200);
        await api.Post($"/api/experiments/{adopted}/adopt", new
        {
            scope = "Unit", processes = new[] { "Neuvonta" }, operatingModel = new { title = "Chat-neuvonnan toimintamalli", link = (string?)null }, rationale = "Tavoitteet saavutettiin",
        }, 200);
        await api.Post($"/api/experiments/{adopted}/adoption-scope", new { scope = "County", rationale = "Koko hyvinvointialueen neuvontaan" }, 200);
        await api.Post($"/api/experiments/{adopted}/publication", new { includeLessons = true, rationale = "Malli on valmis muiden alueiden käyttöön" }, 200);
        var adaptation = (await api.As(Api.Office, "helsinki").Post($"/api/experiments/{adopted}/adaptations", ExperimentBodies.ChatAdvice("helsinki"), 201))["id"]!.GetValue<Guid>();
        await api.Post($"/api/experiments/{adopted}/publication/withdraw", new { rationale = "Mallin kuvausta päivitetään" }, 200);
        var discontinued = await given.DiscontinueAsync();

        var stored = (await StoredEvents(adopted)).Concat(await StoredEvents(discontinued)).Concat(await StoredEvents(adaptation)).ToList();
        var failures = new List<string>();
        foreach (var (type, data) in stored)
        {
            var path = SchemaPath(type);
            var schema = await JsonSchema.FromFileAsync(path);
            foreach (var error in schema.Validate(data))
                failures.Add($"{type}: {error.Path} {error.Kind} (data: {data})");
        }
        failures.ShouldBeEmpty(string.Join(Environment.NewLine, failures));

        var experimentTypes = LedgerEventTypes.Experiment.Select(t => t.Name);
        experimentTypes.Except(stored.Select(s => s.Type)).ShouldBeEmpty("the lifecycle should store every experiment event type");
    }

    /// <summary>The stored data of a stream's events, with Marten's snake_case type name mapped back to the C# type name.</summary>
    private async Task<IReadOnlyList<(string Type, string Data)>> StoredEvents(Guid streamId)
    {
        await using var connection = await app.Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"select type, data::text from {app.Schema}.mt_events where stream_id = @id order by version", connection);
        command.Parameters.AddWithValue("id", streamId);
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<(string, string)>();
        while (await reader.ReadAsync())
            events.Add((PascalCase(reader.GetString(0)), reader.GetString(1)));
        return events;
    }

    private static string PascalCase(string snake) =>
        string.Concat(snake.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>EventType is schema (EventType, 1); EventTypeV2 is (EventType, 2).</summary>
    private static (string Name, int Version) SchemaKey(string typeName) =>
        typeName.Length > 2 && typeName[^2] == 'V' && char.IsDigit(typeName[^1])
            ? (typeName[..^2], typeName[^1] - '0')
            : (typeName, 1);

    private static string SchemaPath(string typeName)
    {
        var (name, version) = SchemaKey(typeName);
        var path = System.IO.Path.Combine(SchemaFolder, $"{name}.v{version}.json");
        File.Exists(path).ShouldBeTrue($"no schema {name}.v{version}.json for event type {typeName}");
        return path;
    }
}

/// <summary>
/// Builds an instance of an event with every member filled, from its widest constructor. Members whose
/// schema allows only the contract's words (Vocabulary.cs) get a valid word from <see cref="Words"/>.
/// </summary>
internal static class Samples
{
    /// <summary>Sample values by "Type.member" or, failing that, by member name (constructor parameter names).</summary>
    private static readonly Dictionary<string, object> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["StakeholderJoined.kind"] = "client",
        ["CoDevelopmentSessionHeld.kind"] = "experienceExpertClinic",
        ["ParticipationRecorded.way"] = "planning",
        ["ParticipationRecorded.channel"] = "digital",
        ["EvaluationCompleted.verdict"] = "adopt",
        ["ExperimentAdopted.scope"] = "County",
        ["AdoptionScopeWidened.from"] = "Unit",
        ["AdoptionScopeWidened.to"] = "County",
        ["publisherRole"] = "projectOffice",
        ["withdrawerRole"] = "admin",
        ["roles"] = new List<string> { "designedFor" },
        ["byKind"] = new Dictionary<string, int> { ["client"] = 3 },
        ["byAgeBand"] = new Dictionary<string, int> { ["65plus"] = 3 },
        ["attendeesByKind"] = new Dictionary<string, int> { ["ngo"] = 2 },
    };

    public static object Of(Type type, int depth = 0, Type? owner = null, string? member = null)
    {
        if (member is not null &&
            (Words.TryGetValue($"{owner?.Name}.{member}", out var word) || Words.TryGetValue(member, out word)) &&
            type.IsInstanceOfType(word))
            return word;
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
        return constructor.Invoke(constructor.GetParameters().Select(p => Of(p.ParameterType, depth + 1, type, p.Name)).ToArray());
    }
}
