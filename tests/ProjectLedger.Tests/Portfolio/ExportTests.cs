using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MiniExcelLibs;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Portfolio;

[Collection(LedgerCollection.Name)]
public sealed class ExportTests(LedgerApp app)
{
    private static readonly string[] Dashboards = ["funnel", "pilots", "participation", "goals", "factors", "counties"];

    private async Task<HttpResponseMessage> Download(string url, string role = "leadership", string county = "*")
    {
        var client = app.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.Token(role, county));
        return await client.GetAsync(url);
    }

    private async Task<List<string[]>> Csv(string url, string role = "leadership")
    {
        var response = await Download(url, role);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        text[0].ShouldBe('\uFEFF');
        return text[1..].Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(',')).ToList();
    }

    [Fact]
    public async Task the_experiments_list_exports_every_match_as_csv_and_as_an_xlsx_that_opens()
    {
        var flow = new PortfolioFlow(app);
        for (var i = 0; i < 30; i++) await flow.Propose(title: i % 3 == 0 ? $"Chat-neuvonta {i}" : $"Palvelutori {i}");

        var csv = await Csv($"/api/experiments/export?theme={flow.Theme}&search=chat&sort=title&dir=asc");
        csv[0].ShouldBe(["id", "title", "county", "projectId", "stage", "themes", "proposedAt", "stageEnteredAt", "lastChangedAt", "version"]);
        csv.Count.ShouldBe(1 + 10);
        csv.Skip(1).Select(r => r[1]).ShouldBe(csv.Skip(1).Select(r => r[1]).Order(StringComparer.Ordinal).ToList());
        csv.Skip(1).ShouldAllBe(r => r[1].StartsWith("Chat-neuvonta") && r[2] == flow.County && r[4] == "Idea");

        var xlsx = await Download($"/api/experiments/export?format=xlsx&theme={flow.Theme}");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("experiments.xlsx");
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        rows.Count.ShouldBe(30);
        rows.ShouldAllBe(r => (string)r["county"] == flow.County && ((string)r["themes"]).Contains(flow.Theme));
    }

    [Fact]
    public async Task every_dashboard_table_exports_and_small_counts_stay_hidden_in_the_file()
    {
        var flow = new PortfolioFlow(app);
        var id = await flow.Propose();
        await flow.Plan(id);
        await flow.Participation(id, PortfolioFlow.Today, 3);
        await flow.CaughtUp();

        var participation = await Csv($"/api/dashboards/participation/export?theme={flow.Theme}");
        participation.ShouldContain(r => r[0] == "kind" && r[1] == "client" && r[2] == "< 5");
        participation.ShouldContain(r => r[0] == "kind" && r[1] == "ngo" && r[2] == "0");
        var audited = await Csv($"/api/dashboards/participation/export?theme={flow.Theme}", "auditor");
        audited.ShouldContain(r => r[0] == "kind" && r[1] == "client" && r[2] == "3");

        var xlsx = await Download($"/api/dashboards/participation/export?format=xlsx&theme={flow.Theme}");
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>()
            .Single(r => (string)r["dimension"] == "total")["count"].ShouldBe("< 5");

        (await Download($"/api/dashboards/counties/export", "leadership", "etela-savo")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Download($"/api/dashboards/salaries/export")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Download($"/api/dashboards/funnel/export?format=pdf")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task every_exported_column_is_in_the_field_dictionary()
    {
        var dictionary = await File.ReadAllTextAsync(Path.Combine(Repository(), "docs", "field-dictionary.md"));
        var sections = dictionary.Split("\n## ").Skip(1).ToDictionary(s => s[..s.IndexOf('\n')].Trim(), s => s);
        var tables = new List<(string Table, string Url)> { ("experiments", "/api/experiments/export") };
        var names = new Dictionary<string, string[]>
        {
            ["funnel"] = ["funnel-stages", "funnel-conversions", "funnel-reasons"], ["pilots"] = ["pilots"],
            ["participation"] = ["participation", "participation-reach-gaps"], ["goals"] = ["goals"], ["factors"] = ["factors"], ["counties"] = ["counties"],
        };
        foreach (var dashboard in Dashboards)
            foreach (var table in names[dashboard]) tables.Add((table, $"/api/dashboards/{dashboard}/export?table={table}"));

        foreach (var (table, url) in tables)
        {
            sections.ShouldContainKey(table);
            foreach (var column in (await Csv(url))[0]) sections[table].ShouldContain($"| {column} |", customMessage: $"{table}.{column}");
        }
    }

    private static string Repository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProjectLedger.sln"))) dir = dir.Parent;
        return dir!.FullName;
    }
}
