using System.Net;
using System.Text.RegularExpressions;

namespace ProjectLedger.Bench;

/// <summary>
/// `page`: what a browser downloads for the first page, as the app sends it to a browser that accepts
/// br and gzip: the HTML, the scripts and stylesheet it names (the entry, its modulepreloads), and
/// the fonts the stylesheet names (woff2, which every current browser takes). Counted as compressed
/// body bytes (headers left out), beside the same files uncompressed; and what a second visit
/// downloads again (anything not cached as immutable).
/// </summary>
public sealed partial class PageScenarios(Results results, AppProcess app)
{
    private sealed record Download(string Path, string Kind, long Sent, long Whole, string? Encoding, bool Immutable);

    public async Task Run()
    {
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = new Uri(app.BaseUrl) };
        var page = await Fetch(http, "/", "html");
        if (page.Download.Whole == 0 || !page.Text.Contains("<script"))
        {
            results.Note("page: the app serves no UI (run ops/build-web; ops/bench passes the built wwwroot as ASPNETCORE_WEBROOT)");
            return;
        }
        var downloads = new List<Download> { page.Download };
        var styles = new List<string>();
        foreach (Match m in PageReference().Matches(page.Text))
        {
            var path = m.Groups["path"].Value;
            var kind = path.EndsWith(".css") ? "css" : path.EndsWith(".js") ? "js" : "other";
            var file = await Fetch(http, path, kind);
            downloads.Add(file.Download);
            if (kind == "css") styles.Add(file.Text);
        }
        foreach (var font in styles.SelectMany(css => FontReference().Matches(css).Select(m => m.Groups["path"].Value)).Distinct())
            downloads.Add((await Fetch(http, font.StartsWith('/') ? font : "/assets/" + font, "font")).Download);

        foreach (var kind in new[] { "html", "js", "css", "font" })
        {
            var of = downloads.Where(d => d.Kind == kind).ToList();
            results.Bench("first page", $"first_page_{kind}_bytes", of.Sum(d => d.Sent), $"bytes ({of.Sum(d => d.Whole)} uncompressed, {of.Count} files)");
        }
        var sent = downloads.Sum(d => d.Sent);
        var whole = downloads.Sum(d => d.Whole);
        results.Bench("first page", "first_page_bytes", sent, "bytes");
        results.Bench("first page", "first_page_bytes_uncompressed", whole, "bytes");
        results.Bench("first page", "second_visit_bytes", downloads.Where(d => !d.Immutable).Sum(d => d.Sent), "bytes");
        results.Size("first_page_files", downloads.Select(d => $"{d.Path} {d.Encoding ?? "identity"} {d.Sent}/{d.Whole}{(d.Immutable ? " immutable" : "")}").ToList());
        var plain = downloads.Where(d => d.Kind is "html" or "js" or "css" && d.Encoding is null).Select(d => d.Path).ToList();
        if (plain.Count > 0) results.Note("page: sent uncompressed: " + string.Join(", ", plain));
    }

    private static async Task<(Download Download, string Text)> Fetch(HttpClient http, string path, string kind)
    {
        using var compressed = new HttpRequestMessage(HttpMethod.Get, path);
        compressed.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br, zstd");
        using var response = await http.SendAsync(compressed);
        var sent = (await response.Content.ReadAsByteArrayAsync()).LongLength;
        var encoding = response.Content.Headers.ContentEncoding.FirstOrDefault();
        var immutable = response.Headers.CacheControl is { } cache && cache.Extensions.Any(e => e.Name == "immutable");
        using var identity = await http.GetAsync(path);
        var text = await identity.Content.ReadAsStringAsync();
        var whole = (await identity.Content.ReadAsByteArrayAsync()).LongLength;
        if (!response.IsSuccessStatusCode) return (new Download(path, kind, 0, 0, null, false), "");
        return (new Download(path, kind, sent, whole, encoding, immutable), text);
    }

    [GeneratedRegex("<(?:script[^>]*\\ssrc|link[^>]*rel=\"(?:modulepreload|stylesheet|icon)\"[^>]*\\shref)=\"(?<path>/[^\"]+)\"")]
    private static partial Regex PageReference();

    [GeneratedRegex("url\\((?<path>[^)\"']+\\.woff2)\\)")]
    private static partial Regex FontReference();
}
