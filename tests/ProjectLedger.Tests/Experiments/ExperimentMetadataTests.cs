using System.Text;
using System.Text.Json;
using Alba;
using ProjectLedger.Experiments;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Experiments;

/// <summary>Every appended event says who (user id and role), under which correlation id, and why.</summary>
[Collection(LedgerCollection.Name)]
public sealed class ExperimentMetadataTests(LedgerApp app)
{
    private readonly ExperimentScenarios _given = new(new Api(app));

    [Fact]
    public async Task events_carry_the_user_the_role_the_reason_and_the_correlation_id_given()
    {
        var id = await _given.PilotAsync();
        var correlation = "leanlab-myllypuro-" + Guid.NewGuid().ToString("N")[..8];

        var response = await Post($"/api/experiments/{id}/participation",
            ExperimentBodies.Myllypuro(reason: "LeanLab-alustan maaliskuun kierros"), "maija.virtanen", correlation);

        response.Context.Response.Headers["X-Correlation-Id"].ToString().ShouldBe(correlation);
        var recorded = (await app.StreamEvents(id)).Last();
        recorded.Data.ShouldBeOfType<ParticipationRecorded>();
        recorded.UserName.ShouldBe("maija.virtanen");
        recorded.CorrelationId.ShouldBe(correlation);
        recorded.Headers!["userId"].ToString().ShouldBe("maija.virtanen");
        recorded.Headers!["role"].ToString().ShouldBe("projectOffice");
        recorded.Headers!["reason"].ToString().ShouldBe("LeanLab-alustan maaliskuun kierros");
    }

    [Fact]
    public async Task both_events_of_a_stage_move_carry_the_same_metadata()
    {
        var id = await _given.PilotAsync();
        var correlation = "pilot-end-" + Guid.NewGuid().ToString("N")[..8];

        await Post($"/api/experiments/{id}/pilot/end", new { ended = "2026-08-31", reason = "  Pilottijakso päättyi  " }, "outi.raikkonen", correlation);

        var events = (await app.StreamEvents(id)).TakeLast(2).ToList();
        events[0].Data.ShouldBeOfType<PilotEnded>();
        events[1].Data.ShouldBeOfType<StageGateDecided>().Rationale.ShouldBe("Pilottijakso päättyi");
        events.ShouldAllBe(e => e.CorrelationId == correlation && e.UserName == "outi.raikkonen");
        events.ShouldAllBe(e => e.Headers!["reason"].ToString() == "Pilottijakso päättyi");
    }

    [Fact]
    public async Task without_a_reason_or_correlation_header_there_is_no_reason_and_a_generated_correlation_id()
    {
        var id = await _given.PilotAsync();

        var response = await Post($"/api/experiments/{id}/participation", ExperimentBodies.Myllypuro(), "test-user", correlationId: null);

        var recorded = (await app.StreamEvents(id)).Last();
        recorded.Headers!.ContainsKey("reason").ShouldBeFalse();
        recorded.CorrelationId.ShouldNotBeNullOrWhiteSpace();
        response.Context.Response.Headers["X-Correlation-Id"].ToString().ShouldBe(recorded.CorrelationId);
    }

    private async Task<IScenarioResult> Post(string url, object body, string user, string? correlationId)
    {
        var json = JsonSerializer.Serialize(body, Api.Json);
        return await app.Host.Scenario(s =>
        {
            s.Post.Url(url);
            s.ConfigureHttpContext(http =>
            {
                var bytes = Encoding.UTF8.GetBytes(json);
                http.Request.Body = new MemoryStream(bytes);
                http.Request.ContentLength = bytes.Length;
                http.Request.ContentType = "application/json";
            });
            s.WithRequestHeader("Authorization", "Bearer " + app.Token(Api.Office, "vantaa-kerava", user));
            if (correlationId is not null) s.WithRequestHeader("X-Correlation-Id", correlationId);
            s.StatusCodeShouldBe(200);
        });
    }
}
