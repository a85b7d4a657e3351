using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using ProjectLedger.Security;

namespace ProjectLedger.Hosting;

/// <summary>
/// Request size and rate limits. Bodies over 1 MiB get 413. Each user (the token's subject; the
/// address for anonymous calls) has a token bucket for writes and a larger one for reads; over it,
/// 429 with Retry-After. LEDGER_RATE_LIMIT=off turns the rate limit off (benchmarks);
/// LEDGER_WRITES_PER_SECOND / LEDGER_WRITE_BURST tune it.
/// </summary>
public static class LedgerLimits
{
    public const long MaxBodyBytes = 1024 * 1024;

    public sealed record RateSettings(bool Enabled, int WritesPerSecond, int WriteBurst)
    {
        public int ReadsPerSecond => WritesPerSecond * 4;
        public int ReadBurst => WriteBurst * 4;

        public static RateSettings From(IConfiguration config) => new(
            config["LEDGER_RATE_LIMIT"] is not ("off" or "0" or "false"),
            int.TryParse(config["LEDGER_WRITES_PER_SECOND"], out var perSecond) && perSecond > 0 ? perSecond : 50,
            int.TryParse(config["LEDGER_WRITE_BURST"], out var burst) && burst > 0 ? burst : 100);
    }

    public static WebApplicationBuilder AddLedgerLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBodyBytes);
        var rate = RateSettings.From(builder.Configuration);
        builder.Services.AddSingleton(rate);
        if (!rate.Enabled) return builder;

        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var write = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method);
                var who = http.User.Identity?.IsAuthenticated == true
                    ? "user:" + LedgerUser.From(http.User).Id
                    : "ip:" + http.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter((write ? "w|" : "r|") + who, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = write ? rate.WriteBurst : rate.ReadBurst,
                    TokensPerPeriod = write ? rate.WritesPerSecond : rate.ReadsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: 429, title: "Too many requests",
                    detail: $"You are sending requests faster than ProjectLedger accepts from one user. Try again in {seconds} s.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    public static WebApplication UseLedgerLimits(this WebApplication app)
    {
        // Kestrel enforces the limit while reading; this answers early, with problem details, when the size is declared.
        app.Use(async (http, next) =>
        {
            if (http.Request.ContentLength > MaxBodyBytes)
            {
                http.Response.StatusCode = 413;
                await Results.Problem(statusCode: 413, title: "Request body too large",
                    detail: $"Bodies are limited to {MaxBodyBytes / 1024} KiB.").ExecuteAsync(http);
                return;
            }
            await next(http);
        });
        if (app.Services.GetRequiredService<RateSettings>().Enabled) app.UseRateLimiter();
        return app;
    }
}
