using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ProjectLedger.Tests.Processes;

namespace ProjectLedger.Tests.Security;

/// <summary>
/// A real OpenID Provider: npm's oidc-provider (OpenID Certified), run by node from tests/oidc-provider
/// (provider.mjs says which accounts and integrations it knows) on a free 127.0.0.1 port. ops/test
/// installs it (npm ci); if it is missing, this does. 127.0.0.1 everywhere: the provider builds its
/// URLs from the Host header, and mixing in localhost makes the sign-in post cross-site.
/// </summary>
public sealed class OidcProviderProcess : IAsyncDisposable
{
    public const string ClientId = "projectledger";
    public const string ClientSecret = "projectledger-test-secret";
    public const string Audience = "urn:projectledger";
    public const string RoleMap = "ledger-vk-office=projectOffice;ledger-national=leadership";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public int Port { get; }
    public string Issuer => $"http://127.0.0.1:{Port}";

    private OidcProviderProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>The settings that make an app a client of this provider, mapping its groups to our roles.</summary>
    public Dictionary<string, string?> AppSettings() => new()
    {
        ["LEDGER_OIDC_AUTHORITY"] = Issuer,
        ["LEDGER_OIDC_CLIENT_ID"] = ClientId,
        ["LEDGER_OIDC_CLIENT_SECRET"] = ClientSecret,
        ["LEDGER_OIDC_AUDIENCE"] = Audience,
        ["LEDGER_OIDC_ROLE_CLAIM"] = "groups",
        ["LEDGER_OIDC_ROLE_MAP"] = RoleMap,
    };

    public static async Task<OidcProviderProcess> Start(params string[] appBaseUrls)
    {
        var dir = Path.Combine(AppProcess.RepositoryRoot(), "tests", "oidc-provider");
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "oidc-provider"))) await Run(dir, "npm", "ci", "--no-audit", "--no-fund");
        var port = AppProcess.FreePort();
        var start = new ProcessStartInfo("node", ["provider.mjs"])
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PORT"] = port.ToString();
        start.Environment["APP_URLS"] = string.Join(",", appBaseUrls);
        var provider = new OidcProviderProcess(Process.Start(start)!, port);
        provider._process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (provider._output) provider._output.AppendLine(e.Data); };
        provider._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (provider._output) provider._output.AppendLine("[stderr] " + e.Data); };
        provider._process.BeginOutputReadLine();
        provider._process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (provider._process.HasExited) throw new InvalidOperationException("oidc-provider exited: " + provider.Output);
            try
            {
                using var response = await http.GetAsync(provider.Issuer + "/.well-known/openid-configuration");
                if (response.IsSuccessStatusCode) return provider;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        await provider.DisposeAsync();
        throw new TimeoutException("oidc-provider did not serve its discovery document in 30 s: " + provider.Output);
    }

    /// <summary>A JWT access token for an integration (client_credentials), for `resource` (the audience).</summary>
    public async Task<string> ClientCredentialsToken(string clientId, string resource = Audience)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Issuer + "/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["scope"] = "ledger", ["resource"] = resource,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientId}-secret")));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"token endpoint answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Claims signed with the provider's own key (its test-only /test/sign), e.g. an expired token.</summary>
    public async Task<string> SignWithProviderKey(object claims)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(Issuer + "/test/sign", new StringContent(JsonSerializer.Serialize(claims)));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task Run(string dir, string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { WorkingDirectory = dir })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed in {dir}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
