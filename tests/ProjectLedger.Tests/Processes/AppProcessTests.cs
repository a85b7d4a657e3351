using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace ProjectLedger.Tests.Processes;

/// <summary>The fixture later fault tests stand on: a real process that serves, dies on SIGKILL and comes back.</summary>
[Trait("Category", "Process")]
[Trait("Category", "Slow")]
public sealed class AppProcessTests
{
    [Fact]
    public async Task the_app_serves_the_ui_and_the_api_dies_on_kill_and_keeps_its_data_over_a_restart()
    {
        await using var app = await AppProcess.Start();
        using var anonymous = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var index = await anonymous.GetStringAsync("/");
        index.ShouldContain("<html lang=\"fi\">");

        using var office = app.Client("projectOffice", "vantaa-kerava");
        var created = await office.PostAsJsonAsync("/api/experiments", new
        {
            title = "Prosessitesti", problem = "Palvelu ei tavoita asiakkaita.", county = "vantaa-kerava",
            themes = new[] { "prosessi" }, proposedByRole = "palveluesihenkilö",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        app.Kill();
        app.IsRunning.ShouldBeFalse();
        await Should.ThrowAsync<HttpRequestException>(() => anonymous.GetAsync("/health"));

        await app.Restart();
        app.IsRunning.ShouldBeTrue();
        var read = await office.GetAsync($"/api/experiments/{id}");
        read.StatusCode.ShouldBe(HttpStatusCode.OK, app.Output);
        (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().ShouldBe("Prosessitesti");
        app.Output.ShouldContain("--- killed");
    }
}
