using System.CommandLine;

namespace ProjectLedger.Hosting;

/// <summary>
/// `probe [--url]`: exit 0 when the running app's /health answers 200. The container's health check:
/// the runtime image has no curl, and this builds no host (a fraction of a second, no database).
/// </summary>
public static class ProbeCommand
{
    private static readonly Option<string> Url = new("--url")
    {
        Description = "What to ask; by default /health on this container's port (ASPNETCORE_HTTP_PORTS, else 8080)",
        DefaultValueFactory = _ => $"http://127.0.0.1:{DefaultPort()}/health",
    };

    public static Command Definition()
    {
        Url.Validators.Add(r =>
        {
            if (!Uri.TryCreate(r.GetValueOrDefault<string>(), UriKind.Absolute, out _)) r.AddError("--url must be an absolute URL, e.g. http://127.0.0.1:8080/health");
        });
        var command = new Command("probe", "Exit 0 when the app answers GET /health with 200 (the container health check); needs no database") { Url };
        command.SetAction(async (parsed, ct) => await ProbeAsync(new Uri(parsed.GetRequiredValue(Url)), ct));
        return command;
    }

    private static async Task<int> ProbeAsync(Uri url, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url, ct);
            if (response.IsSuccessStatusCode) return LedgerExit.Ok;
            Console.Error.WriteLine($"projectledger: {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            return LedgerExit.Failed;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"projectledger: {url} does not answer: {e.Message}");
            return LedgerExit.Unavailable;
        }
    }

    private static string DefaultPort() =>
        Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")?.Split(';', ',')[0] is { Length: > 0 } port ? port : "8080";
}
