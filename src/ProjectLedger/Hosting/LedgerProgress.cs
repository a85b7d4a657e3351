using Spectre.Console;

namespace ProjectLedger.Hosting;

/// <summary>
/// Progress bars for the long commands, on stderr so that stdout carries only results. At a
/// terminal they redraw in place. Redirected (a log file, CI, a container), Spectre.Console prints
/// only the milestones it sees at its 1 s refresh, so each bar also gets a closing line there.
/// </summary>
public static class LedgerProgress
{
    private static readonly IAnsiConsole Console = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(System.Console.Error),
    });

    public static async Task<T> RunAsync<T>(Func<Bars, Task<T>> work)
    {
        var bars = new List<(ProgressTask Task, string Name)>();
        var result = await Console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(context => work(new Bars(context, bars)));
        if (!Console.Profile.Capabilities.Interactive)
            foreach (var (task, name) in bars)
                System.Console.Error.WriteLine($"{name}: {task.Value:0} of {task.MaxValue:0} in {task.ElapsedTime?.TotalSeconds ?? 0:0.0} s");
        return result;
    }

    public sealed class Bars(ProgressContext context, List<(ProgressTask, string)> added)
    {
        /// <summary>A bar whose description is plain text: names in it are never read as markup.</summary>
        public ProgressTask AddBar(string description, double total)
        {
            var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(1, total));
            added.Add((task, description));
            return task;
        }
    }
}
