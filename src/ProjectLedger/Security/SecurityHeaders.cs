using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.HttpOverrides;
using ProjectLedger.Hosting;

namespace ProjectLedger.Security;

/// <summary>
/// The headers every response carries: a Content-Security-Policy (scripts only from the app itself;
/// styles from the app and, for the style tags styled-components injects, a per-request nonce that
/// the UI page hands it in `meta[property=csp-nonce]`), no framing, no sniffing, no referrer, and no
/// caching of API responses (they carry county data). Behind a TLS proxy (LEDGER_TRUSTED_PROXIES):
/// the proxy's X-Forwarded-* headers are believed, and HTTPS responses carry HSTS.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "ledger.cspNonce";

    public static IServiceCollection AddLedgerSecurityHeaders(this IServiceCollection services, IConfiguration config)
    {
        var proxies = config["LEDGER_TRUSTED_PROXIES"];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var entry in (proxies ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (System.Net.IPNetwork.TryParse(entry, out var network)) o.KnownIPNetworks.Add(network);
                else if (IPAddress.TryParse(entry, out var address)) o.KnownProxies.Add(address);
                else throw new LedgerConfigurationException($"LEDGER_TRUSTED_PROXIES entry '{entry}' is neither an IP address nor a network (10.0.0.0/8).");
            }
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });
        return services;
    }

    public static WebApplication UseLedgerSecurityHeaders(this WebApplication app, LedgerOptions ledger)
    {
        if (!string.IsNullOrWhiteSpace(app.Configuration["LEDGER_TRUSTED_PROXIES"])) app.UseForwardedHeaders();
        // Only on HTTPS requests (as the proxy reports them), never for localhost.
        app.UseHsts();
        var formTargets = ledger.Oidc is { } oidc ? " " + new Uri(oidc.Authority).GetLeftPart(UriPartial.Authority) : "";
        app.Use((http, next) =>
        {
            var nonce = Nonce(http);
            // On starting: the exception handler clears headers set earlier.
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                // The API reference (demo and development only) runs inline scripts of its own.
                if (!http.Request.Path.StartsWithSegments("/scalar"))
                    headers.ContentSecurityPolicy =
                        "default-src 'self'; script-src 'self'; " +
                        $"style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
                        $"object-src 'none'; base-uri 'none'; form-action 'self'{formTargets}; frame-ancestors 'none'";
                // API answers carry county data: never stored, unless an endpoint says otherwise (the public catalogue).
                if ((http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/auth"))
                    && string.IsNullOrEmpty(headers.CacheControl))
                    headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }

    /// <summary>This request's nonce: fresh, unguessable, one per response.</summary>
    public static string Nonce(HttpContext http)
    {
        if (http.Items.TryGetValue(NonceKey, out var known) && known is string nonce) return nonce;
        nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        http.Items[NonceKey] = nonce;
        return nonce;
    }
}
