using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace ProjectLedger.Hosting;

/// <summary>
/// The UI's files: compressed (br, else gzip) when the browser accepts it; the hashed bundles under
/// /assets/ cached for a year (their name changes with their content), the page itself revalidated.
/// The web build writes name.br and name.gz beside each bundle at the highest levels
/// (web/scripts/precompress.mjs): those are sent as they are; anything else is compressed per response.
/// </summary>
public static class LedgerStaticFiles
{
    private static readonly string[] Compressible = ["text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml", "application/json"];
    private static readonly (string Encoding, string Suffix)[] Precompressed = [("br", ".br"), ("gzip", ".gz")];
    // The static file middleware serves only known types, so name.br needs one; OnPrepareResponse then sets its original's.
    private static readonly FileExtensionContentTypeProvider ContentTypes = new() { Mappings = { [".br"] = "application/octet-stream" } };
    private const string PrecompressedKey = "ledger.precompressed";

    public static IServiceCollection AddLedgerStaticFiles(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = Compressible;
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        // Configured once for UseStaticFiles and the index.html fallback alike.
        services.Configure<StaticFileOptions>(o =>
        {
            o.ContentTypeProvider = ContentTypes;
            o.OnPrepareResponse = file =>
            {
                var response = file.Context.Response;
                var headers = response.GetTypedHeaders();
                headers.CacheControl = file.Context.Request.Path.StartsWithSegments("/assets")
                    ? new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(365), Extensions = { new NameValueHeaderValue("immutable") } }
                    : new CacheControlHeaderValue { NoCache = true };
                if (file.Context.Items[PrecompressedKey] is (string type, string encoding))
                {
                    response.ContentType = type;
                    response.Headers.ContentEncoding = encoding;
                    response.Headers.Vary = HeaderNames.AcceptEncoding;
                }
            };
        });
        return services;
    }

    public static WebApplication UseLedgerStaticFiles(this WebApplication app)
    {
        // Only the UI's files and page are compressed: API answers go out as they are.
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments("/hubs"),
            branch => branch.UseResponseCompression());
        app.UseLedgerUiPage();
        var files = app.Environment.WebRootFileProvider;
        app.Use((http, next) =>
        {
            ServePrecompressed(http, files);
            return next(http);
        });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }

    /// <summary>Points the request at name.br or name.gz when the browser accepts that encoding and the build wrote it.</summary>
    private static void ServePrecompressed(HttpContext http, Microsoft.Extensions.FileProviders.IFileProvider files)
    {
        var request = http.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return;
        if (request.Path.Value is not { } path || !ContentTypes.TryGetContentType(path, out var type) || !Compressible.Contains(type.Split(';')[0])) return;
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        foreach (var (encoding, suffix) in Precompressed)
        {
            if (!accepted.Any(a => a.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0)) continue;
            if (!files.GetFileInfo(path + suffix).Exists) continue;
            request.Path = path + suffix;
            http.Items[PrecompressedKey] = (type, encoding);
            return;
        }
    }
}
