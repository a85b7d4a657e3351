using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace ProjectLedger.Hosting;

/// <summary>
/// The UI's files: compressed (br, else gzip) when the browser accepts it; the hashed bundles under
/// /assets/ cached for a year (their name changes with their content), the page itself revalidated.
/// </summary>
public static class LedgerStaticFiles
{
    private static readonly string[] Compressible = ["text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml", "application/json"];

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
        services.Configure<StaticFileOptions>(o => o.OnPrepareResponse = file =>
        {
            var headers = file.Context.Response.GetTypedHeaders();
            headers.CacheControl = file.Context.Request.Path.StartsWithSegments("/assets")
                ? new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(365), Extensions = { new NameValueHeaderValue("immutable") } }
                : new CacheControlHeaderValue { NoCache = true };
        });
        return services;
    }

    public static WebApplication UseLedgerStaticFiles(this WebApplication app)
    {
        // Only the UI's files are compressed: API answers go out as they are.
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments("/hubs"),
            branch => branch.UseResponseCompression());
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }
}
