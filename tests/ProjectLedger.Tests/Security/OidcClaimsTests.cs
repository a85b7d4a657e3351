using System.Security.Claims;
using ProjectLedger.Security;
using Shouldly;

namespace ProjectLedger.Tests.Security;

/// <summary>The provider's claims in our terms (pure): the role map, pass-through without a map, the county and its default.</summary>
public sealed class OidcClaimsTests
{
    private static OidcSettings Settings(string? map = null, string? defaultCounty = null) => new(
        "https://login.example.fi", "projectledger", null, "projectledger", [], "groups", OidcSettings.ParseRoleMap(map), "county", defaultCounty);

    private static ClaimsPrincipal Provider(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "provider"));

    [Fact]
    public void the_first_map_entry_the_person_holds_wins_whatever_the_order_of_their_groups()
    {
        var settings = Settings("ledger-leaders=leadership;ledger-office=projectOffice");
        var user = LedgerUser.From(OidcClaims.ToLedger(
            Provider(("sub", "u1"), ("groups", "ledger-office"), ("groups", "ledger-leaders"), ("county", "kainuu")), settings)!);
        user.ShouldBe(new LedgerUser("u1", "leadership", "kainuu"));
    }

    [Fact]
    public void without_a_map_our_role_names_pass_through_and_others_stay_as_they_are_to_be_refused()
    {
        OidcClaims.Role(["staff", "auditor"], Settings()).ShouldBe("auditor");
        var unknown = LedgerUser.From(OidcClaims.ToLedger(Provider(("sub", "u2"), ("groups", "staff"), ("county", "lappi")), Settings())!);
        unknown.Role.ShouldBe("staff");
        unknown.Refusal()!.Code.ShouldBe("unknownRole");
    }

    [Fact]
    public void a_county_claim_wins_over_the_providers_default_county()
    {
        var settings = Settings("office=projectOffice", defaultCounty: "vantaa-kerava");
        LedgerUser.From(OidcClaims.ToLedger(Provider(("sub", "a"), ("groups", "office")), settings)!).County.ShouldBe("vantaa-kerava");
        LedgerUser.From(OidcClaims.ToLedger(Provider(("sub", "b"), ("groups", "office"), ("county", "helsinki")), settings)!).County.ShouldBe("helsinki");
    }

    [Fact]
    public void no_subject_no_principal()
    {
        OidcClaims.ToLedger(Provider(("groups", "office"), ("county", "helsinki")), Settings("office=projectOffice")).ShouldBeNull();
    }

    [Theory]
    [InlineData("office=superuser")]
    [InlineData("=projectOffice")]
    [InlineData("office")]
    public void a_role_map_that_names_no_role_of_ours_stops_start_up(string map) =>
        Should.Throw<ProjectLedger.Hosting.LedgerConfigurationException>(() => OidcSettings.ParseRoleMap(map)).Message.ShouldContain("LEDGER_OIDC_ROLE_MAP");
}
