using ProjectLedger.Verify;

// ops/verify BUNDLE.json | ops/verify --key KEY --checkpoint CHECKPOINT --events EXPORT.ndjson --proofs PROOFS.json
try
{
    var bundle = args.Length == 1 ? Bundle.FromFile(args[0]) : Bundle.FromParts(args);
    var verdict = BundleCheck.Run(bundle);
    Console.WriteLine(verdict.Yes ? "yes: " + verdict.Summary : "no: " + verdict.Summary);
    foreach (var reason in verdict.Reasons) Console.WriteLine("  " + reason);
    return verdict.Yes ? 0 : 1;
}
catch (Exception e) when (e is IOException or FormatException or System.Text.Json.JsonException or ArgumentException)
{
    Console.WriteLine("no: the input cannot be read: " + e.Message);
    Console.Error.WriteLine("usage: ops/verify BUNDLE.json\n       ops/verify --key KEY --checkpoint CHECKPOINT --events EXPORT.ndjson --proofs PROOFS.json");
    return 2;
}
