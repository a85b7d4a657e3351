using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProjectLedger.Dashboards;

/// <summary>
/// A participation count as a reader may see it: 1–4 people are "&lt; 5" to everyone but auditors, so
/// an aggregate never points at a person; 0 stays visible (reach gaps are made of it). In JSON a
/// number, or the string "&lt; 5".
/// </summary>
[JsonConverter(typeof(PrivateCountJson))]
public readonly record struct PrivateCount(int? Value)
{
    public const string Hidden = "< 5";
    public const int Threshold = 5;

    public static PrivateCount Of(int count, bool reveal) => new(reveal || count is <= 0 or >= Threshold ? count : null);

    public static IReadOnlyDictionary<string, PrivateCount> Of(IReadOnlyDictionary<string, int> counts, bool reveal) =>
        counts.ToDictionary(c => c.Key, c => Of(c.Value, reveal));

    public static bool Reveals(Security.LedgerUser user) => user.Role == Security.Roles.Auditor;

    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Hidden;
}

public sealed class PrivateCountJson : JsonConverter<PrivateCount>
{
    public override PrivateCount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number ? new PrivateCount(reader.GetInt32()) : new PrivateCount(null);

    public override void Write(Utf8JsonWriter writer, PrivateCount value, JsonSerializerOptions options)
    {
        if (value.Value is { } n) writer.WriteNumberValue(n);
        else writer.WriteStringValue(PrivateCount.Hidden);
    }
}
