using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProjectLedger.Hosting;

/// <summary>
/// Business dates (a pilot's start, a measurement's day) read an ISO-8601 date ("2026-03-01") or
/// date-time ("2026-03-01T00:00:00Z", "2026-03-01T09:30:00+02:00"): a client that sends a date-time
/// means the calendar day as written, so its own offset's date is taken, never a shift to UTC.
/// Written back as a plain date.
/// </summary>
public sealed class IsoDateConverter : JsonConverter<DateOnly>
{
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("A date is an ISO-8601 string, e.g. \"2026-03-01\".");
        var text = reader.GetString()!;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        if (text.Length > 10 && text[10] is 'T' or 't'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
            return DateOnly.FromDateTime(moment.DateTime);
        throw new JsonException($"'{(text.Length > 40 ? text[..40] + "…" : text)}' is not an ISO-8601 date (2026-03-01) or date-time (2026-03-01T00:00:00Z).");
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
