using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProjectLedger.Tests.Faults;

/// <summary>What a field of a write body is, as far as its validation goes (see the command records in src).</summary>
public enum Kind { Text, Choice, Date, Number, Score, Count, Bool, Version, Meta, ProjectRef, Link, List, Counts, Object }

/// <summary>
/// A field's shape. Required: null or absent is refused. Max: a string's length limit or a list's
/// item limit. Ranged: a number with a validated range (so 1e10 is refused). Min: a list's minimum.
/// </summary>
public sealed record FieldShape(Kind Kind, bool Required = true, int Max = 0, int Min = 0, bool Ranged = false,
    FieldShape? Item = null, IReadOnlyDictionary<string, FieldShape>? Fields = null, bool NonNegative = false)
{
    public static FieldShape Text(int max) => new(Kind.Text, Max: max);
    public static FieldShape OptionalText(int max) => new(Kind.Text, Required: false, Max: max);
    public static FieldShape Choice => new(Kind.Choice);
    public static FieldShape Date => new(Kind.Date);
    public static FieldShape OptionalDate => new(Kind.Date, Required: false);
    public static FieldShape Number(bool ranged, bool nonNegative = false) => new(Kind.Number, Ranged: ranged, NonNegative: nonNegative);
    public static FieldShape Score => new(Kind.Score);
    public static FieldShape Bool => new(Kind.Bool);
    public static FieldShape Link => new(Kind.Link, Required: false);
    public static FieldShape ProjectRef => new(Kind.ProjectRef, Required: false);
    public static FieldShape Version => new(Kind.Version, Required: false);
    public static FieldShape Meta => new(Kind.Meta, Required: false);
    public static FieldShape Counts => new(Kind.Counts, Item: new FieldShape(Kind.Count));
    public static FieldShape List(FieldShape item, int min, int max) => new(Kind.List, Required: min > 0, Min: min, Max: max, Item: item);
    public static FieldShape Object(bool required, params (string Name, FieldShape Shape)[] fields) =>
        new(Kind.Object, Required: required, Fields: fields.ToDictionary(f => f.Name, f => f.Shape));
}

/// <summary>A write endpoint: its route (with {id} when it has one), a valid body, and the shape of its fields.</summary>
public sealed record WriteEndpoint(string Name, string Route, Func<JsonObject> ValidBody, IReadOnlyDictionary<string, FieldShape> Fields)
{
    public bool HasId => Route.Contains("{id}");
    public string Url(string id) => Route.Replace("{id}", id);
}

/// <summary>One generated request: a body (bytes, since some are not even UTF-8) and what was done to it.</summary>
public sealed record HostileCase(WriteEndpoint Endpoint, string Target, string Url, byte[] Body, string What)
{
    public string BodyText
    {
        get
        {
            var text = Encoding.UTF8.GetString(Body);
            return text.Length > 600 ? text[..300] + $" …[{text.Length} chars]… " + text[^200..] : text;
        }
    }
}

/// <summary>
/// Generates bodies that no write endpoint may accept: every mutation below makes the body invalid
/// whatever stage the experiment is in (type confusion, missing or null required fields, unknown
/// vocabulary, out-of-range and overflowing numbers, over-long strings and lists, NUL characters,
/// broken JSON, deep nesting, invalid UTF-8, duplicate keys). Noise (unknown fields) is added on top.
/// </summary>
public sealed class HostileBodies(Random random)
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string Huge = new string('a', 150_000) + new string('ä', 100_000);

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Bodies that are wrong as a whole, whatever the endpoint.</summary>
    public static IReadOnlyList<(string What, byte[] Body)> WholeBodies()
    {
        var list = new List<(string, byte[])>();
        void Add(string what, string text) => list.Add((what, Encoding.UTF8.GetBytes(text)));
        Add("empty body", "");
        Add("whitespace body", "   \n ");
        Add("JSON null", "null");
        Add("JSON array", "[]");
        Add("array of objects", "[{}]");
        Add("number", "123");
        Add("string", "\"plan\"");
        Add("true", "true");
        Add("unterminated object", "{");
        Add("missing value", "{\"title\":}");
        Add("single quotes", "{'title':'x'}");
        Add("trailing comma", "{\"title\":\"x\",}");
        Add("trailing garbage", "{}garbage");
        Add("two documents", "{} {}");
        Add("comment", "/* hi */ {}");
        Add("deeply nested arrays", new string('[', 5000) + new string(']', 5000));
        Add("deeply nested objects", string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200));
        Add("NaN literal", "{\"expectedVersion\": NaN}");
        list.Add(("invalid UTF-8", [(byte)'{', (byte)'"', (byte)'t', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)'}']));
        list.Add(("UTF-16 body", Encoding.Unicode.GetBytes("{\"title\":\"x\"}")));
        list.Add(("NUL bytes", [0, 0, 0, 0]));
        Add("over 1 MiB", "{\"title\":\"" + new string('x', 1_100_000) + "\"}");
        return list;
    }

    /// <summary>A valid body with one to three guaranteed-invalid mutations, maybe noise and duplicate keys.</summary>
    public (string What, byte[] Body) Mutated(WriteEndpoint endpoint)
    {
        _raw.Clear();
        var body = endpoint.ValidBody();
        var notes = new List<string>();
        var fields = endpoint.Fields.Keys.ToList();
        var mutations = 1 + (random.NextDouble() < 0.3 ? 1 : 0) + (random.NextDouble() < 0.1 ? 1 : 0);
        var touched = new HashSet<string>();
        for (var i = 0; i < mutations && touched.Count < fields.Count; i++)
        {
            var name = Pick(fields.Where(f => !touched.Contains(f)).ToList());
            touched.Add(name);
            notes.Add(MutateField(body, name, endpoint.Fields[name], name));
        }
        if (random.NextDouble() < 0.25) notes.Add(AddNoise(body));
        var text = body.ToJsonString(Relaxed);
        foreach (var (marker, literal) in _raw) text = text.Replace("\"" + marker + "\"", literal);
        if (random.NextDouble() < 0.15)
        {
            // A duplicate key: the other copy is the field's valid value (or junk for an unknown key).
            var valid = endpoint.ValidBody();
            var key = Pick(body.Select(p => p.Key).Concat(["unknownField"]).ToList());
            var other = valid[key]?.ToJsonString(Relaxed) ?? "\"duplicate\"";
            var first = random.Next(2) == 0;
            text = first ? "{" + JsonSerializer.Serialize(key) + ":" + other + (text.Length > 2 ? "," : "") + text[1..]
                         : text[..^1] + (text.Length > 2 ? "," : "") + JsonSerializer.Serialize(key) + ":" + other + "}";
            notes.Add($"duplicate key {key} ({(first ? "first" : "last")})");
        }
        return (string.Join("; ", notes), Encoding.UTF8.GetBytes(text));
    }

    private string MutateField(JsonObject parent, string name, FieldShape shape, string path)
    {
        var options = new List<Func<string>>();
        void Set(string what, JsonNode? value) => options.Add(() => { parent[name] = value; return $"{path} = {what}"; });

        // Type confusion: a JSON type the field's C# type cannot take.
        switch (shape.Kind)
        {
            case Kind.Text or Kind.Choice or Kind.Meta or Kind.Link:
                Set("number", 12); Set("decimal", 1.5); Set("true", true); Set("object", new JsonObject { ["x"] = "y" });
                Set("array", new JsonArray("x")); Set("empty array", new JsonArray());
                break;
            case Kind.Date:
                Set("number", 20260302); Set("true", true); Set("object", new JsonObject()); Set("array", new JsonArray("2026-03-02"));
                Set("30 February", "2026-02-30"); Set("month 13", "2026-13-01"); Set("word", "huomenna"); Set("empty", "");
                Set("date-time with hour 25", "2026-03-02T25:00:00"); Set("year 0", "0000-01-01"); Set("year 10000", "10000-01-01");
                break;
            case Kind.Number:
                Set("word", "kaksitoista"); Set("true", true); Set("object", new JsonObject()); Set("array", new JsonArray(1));
                Set("1e400", Raw("1e400")); Set("beyond decimal", Raw("79228162514264337593543950336")); Set("\"NaN\"", "NaN");
                Set("\"Infinity\"", "Infinity"); Set("-1e400", Raw("-1e400"));
                if (shape.Ranged) { Set("1e10", Raw("1e10")); Set("-1e10", Raw("-1e10")); }
                if (shape.NonNegative) { Set("-1", -1); Set("-0.5", -0.5m); }
                break;
            case Kind.Score or Kind.Count:
                Set("word", "viisi"); Set("1.5", 1.5); Set("int overflow", Raw("2147483648")); Set("int underflow", Raw("-2147483649"));
                Set("true", true); Set("object", new JsonObject()); Set("array", new JsonArray(3)); Set("1e3 as exponent", Raw("1e3"));
                Set("long overflow", Raw("99999999999999999999999"));
                if (shape.Kind == Kind.Score) { Set("0", 0); Set("6", 6); Set("-1", -1); Set("int max", int.MaxValue); Set("int min", int.MinValue); }
                else { Set("-1", -1); Set("1000001", 1_000_001); Set("int max", int.MaxValue); Set("int min", int.MinValue); }
                break;
            case Kind.Bool:
                Set("\"true\"", "true"); Set("1", 1); Set("0", 0); Set("object", new JsonObject()); Set("array", new JsonArray(true)); Set("word", "kyllä");
                break;
            case Kind.Version:
                Set("word", "viisi"); Set("1.5", 1.5); Set("long overflow", Raw("9223372036854775808")); Set("true", true);
                Set("object", new JsonObject()); Set("array", new JsonArray(1)); Set("-1", -1); Set("long max", long.MaxValue);
                Set("long min", long.MinValue); Set("1e2", Raw("1e2"));
                break;
            case Kind.ProjectRef:
                Set("not a uuid", "kein-uuid"); Set("number", 12); Set("object", new JsonObject()); Set("true", true);
                Set("unknown project", Guid.NewGuid().ToString()); Set("empty", "");
                break;
            case Kind.List:
                Set("object", new JsonObject()); Set("string", "x"); Set("number", 12); Set("true", true);
                Set("nested array", new JsonArray(new JsonArray()));
                break;
            case Kind.Counts:
                Set("array", new JsonArray(1)); Set("string", "x"); Set("number", 12); Set("true", true);
                Set("unknown key", new JsonObject { ["alien"] = 1 }); Set("negative", new JsonObject { ["client"] = -1, ["under18"] = -1 });
                Set("int overflow", new JsonObject { ["client"] = Raw("2147483648") }); Set("string count", new JsonObject { ["client"] = "many" });
                Set("null count", new JsonObject { ["client"] = null }); Set("fraction", new JsonObject { ["client"] = 1.5 });
                Set("huge key", new JsonObject { [Huge[..5000]] = 1 }); Set("NUL key", new JsonObject { ["cli\0ent"] = 1 });
                Set("empty object", new JsonObject());
                break;
            case Kind.Object:
                Set("array", new JsonArray(new JsonObject())); Set("string", "x"); Set("number", 12); Set("true", true);
                break;
        }

        // Missing and null: only for fields the command requires (optional ones may be absent).
        if (shape.Required)
        {
            options.Add(() => { parent.Remove(name); return $"{path} removed"; });
            Set("null", null);
        }

        // Values of the right type that the rules refuse.
        switch (shape.Kind)
        {
            case Kind.Text:
                Set("huge string", Huge); Set("NUL inside", "Chat\0neuvonta"); Set("lone surrogate", Raw("\"\\ud800x\""));
                if (shape.Required) { Set("empty", ""); Set("whitespace", " \t\n "); }
                break;
            case Kind.Meta:
                Set("huge string", Huge); Set("NUL inside", "syy\0"); Set("lone surrogate", Raw("\"syy \\udc00\""));
                break;
            case Kind.Choice:
                Set("unknown word", "alien-" + random.Next(1000)); Set("empty", ""); Set("whitespace", "  ");
                Set("huge string", Huge); Set("NUL inside", "adopt\0"); Set("SQL", "'; drop table mt_events; --");
                break;
            case Kind.Link:
                Set("relative link", "toimintamalli/chat"); Set("huge string", Huge); Set("NUL inside", "https://innokyla.fi/\0");
                break;
            case Kind.List:
                if (shape.Min > 0) Set("empty list", new JsonArray());
                if (shape.Max > 0 && parent[name] is JsonArray { Count: > 0 } items)
                {
                    var template = items[0]!.ToJsonString();
                    options.Add(() =>
                    {
                        var longer = new JsonArray();
                        for (var i = 0; i <= shape.Max; i++) longer.Add(JsonNode.Parse(template));
                        // The last one is bad too: a limit that only checks the first Max items must still refuse.
                        longer[^1] = shape.Item!.Kind switch { Kind.Object => new JsonArray(), Kind.Choice => "alien", _ => Huge };
                        parent[name] = longer;
                        return $"{path} with {shape.Max + 1} items, the last bad";
                    });
                    Set("a null item", new JsonArray(JsonNode.Parse(template), null));
                    options.Add(() =>
                    {
                        var list = (JsonArray)parent[name]!;
                        var index = random.Next(list.Count);
                        if (list[index] is JsonObject item)
                        {
                            var itemFields = shape.Item!.Fields!.Keys.ToList();
                            var field = Pick(itemFields);
                            return MutateField(item, field, shape.Item.Fields[field], $"{path}[{index}].{field}");
                        }
                        var holder = new JsonObject { ["v"] = list[index]?.DeepClone() };
                        var what = MutateField(holder, "v", shape.Item!, $"{path}[{index}]");
                        if (!holder.ContainsKey("v")) { list.RemoveAt(index); list.Insert(index, null); return what + " (as null)"; }
                        list[index] = holder["v"]?.DeepClone();
                        return what;
                    });
                }
                break;
            case Kind.Object when shape.Fields is { } inner && parent[name] is JsonObject child:
                options.Add(() =>
                {
                    var field = Pick(inner.Keys.ToList());
                    return MutateField(child, field, inner[field], $"{path}.{field}");
                });
                options.Add(() => { parent[name] = new JsonObject(); return $"{path} = {{}}"; });
                break;
        }

        return Pick(options)();
    }

    private string AddNoise(JsonObject body)
    {
        var noise = Pick(new (string, JsonNode?)[]
        {
            ("$type", "System.IO.FileInfo, System.IO.FileSystem"),
            ("__proto__", new JsonObject { ["admin"] = true }),
            ("id", Guid.NewGuid().ToString()),
            ("version", 99),
            ("stage", "Adopted"),
            ("unknown", new JsonArray(1, "two", null, new JsonObject())),
        });
        body[noise.Item1] = noise.Item2;
        return $"noise {noise.Item1}";
    }

    /// <summary>JSON text that JsonNode cannot hold (1e400, lone surrogate escapes): a marker replaced after serialising.</summary>
    private JsonNode Raw(string literal)
    {
        var marker = $"@@raw{_raw.Count}@@";
        _raw[marker] = literal;
        return JsonValue.Create(marker);
    }

    private readonly Dictionary<string, string> _raw = [];
}
