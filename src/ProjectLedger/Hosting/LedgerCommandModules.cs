using System.Runtime.Loader;

namespace ProjectLedger.Hosting;

/// <summary>
/// Commands that live outside the product assembly: `demo-data` comes from ProjectLedger.Demo.dll when
/// that assembly lies beside the app (ops/run, the tests and the image put it there). Without it the
/// command line simply has no such command.
/// </summary>
public static class LedgerCommandModules
{
    public static readonly string[] Assemblies = ["ProjectLedger.Demo"];

    public static IEnumerable<LedgerCommand> Load()
    {
        foreach (var name in Assemblies)
        {
            var path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
            if (!File.Exists(path)) continue;
            var assembly = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => a.GetName().Name == name)
                ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
            foreach (var type in assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(LedgerCommand)) && !t.IsAbstract))
                yield return (LedgerCommand)Activator.CreateInstance(type)!;
        }
    }
}
