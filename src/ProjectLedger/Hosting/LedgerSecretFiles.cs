using Microsoft.Extensions.Configuration.Memory;

namespace ProjectLedger.Hosting;

/// <summary>
/// Docker and Kubernetes secrets arrive as files: LEDGER_X_FILE=/run/secrets/x sets LEDGER_X to the
/// file's content (without a trailing line break), so a key or a password never sits in the
/// environment or a compose file. Setting both LEDGER_X and LEDGER_X_FILE is a mistake, not a choice.
/// </summary>
public static class LedgerSecretFiles
{
    private const string Prefix = "LEDGER_";
    private const string Suffix = "_FILE";

    public static IConfigurationBuilder AddLedgerSecretFiles(this IConfigurationManager configuration)
    {
        var values = new Dictionary<string, string?>();
        foreach (var (key, path) in configuration.AsEnumerable())
        {
            if (!key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || !key.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase)
                || string.IsNullOrWhiteSpace(path))
                continue;
            var target = key[..^Suffix.Length];
            if (!string.IsNullOrEmpty(configuration[target]))
                throw new LedgerConfigurationException($"Both {target} and {key} are set; set only one of them.");
            values[target] = Read(key, path);
        }
        return values.Count == 0 ? configuration : configuration.Add(new MemoryConfigurationSource { InitialData = values });
    }

    private static string Read(string key, string path)
    {
        try
        {
            return File.ReadAllText(path).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LedgerConfigurationException($"{key} names {path}, which cannot be read: {e.Message}");
        }
    }
}
