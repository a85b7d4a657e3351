using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace ProjectLedger.Counties;

/// <summary>A wellbeing services county (or the City of Helsinki), named in Finnish, Swedish and English.</summary>
public sealed record County(string Slug, string Fi, string Sv, string En);

/// <summary>The 22 organisers of social and health services. Public reference data.</summary>
public static class CountyCatalog
{
    public static readonly IReadOnlyList<County> All =
    [
        new("helsinki", "Helsingin kaupunki", "Helsingfors stad", "City of Helsinki"),
        new("ita-uusimaa", "Itä-Uudenmaan hyvinvointialue", "Östra Nylands välfärdsområde", "Eastern Uusimaa Wellbeing Services County"),
        new("keski-uusimaa", "Keski-Uudenmaan hyvinvointialue", "Mellersta Nylands välfärdsområde", "Central Uusimaa Wellbeing Services County"),
        new("lansi-uusimaa", "Länsi-Uudenmaan hyvinvointialue", "Västra Nylands välfärdsområde", "Western Uusimaa Wellbeing Services County"),
        new("vantaa-kerava", "Vantaan ja Keravan hyvinvointialue", "Vanda och Kervo välfärdsområde", "Vantaa and Kerava Wellbeing Services County"),
        new("varsinais-suomi", "Varsinais-Suomen hyvinvointialue", "Egentliga Finlands välfärdsområde", "Southwest Finland Wellbeing Services County"),
        new("satakunta", "Satakunnan hyvinvointialue", "Satakunta välfärdsområde", "Satakunta Wellbeing Services County"),
        new("kanta-hame", "Kanta-Hämeen hyvinvointialue", "Egentliga Tavastlands välfärdsområde", "Kanta-Häme Wellbeing Services County"),
        new("pirkanmaa", "Pirkanmaan hyvinvointialue", "Birkalands välfärdsområde", "Pirkanmaa Wellbeing Services County"),
        new("paijat-hame", "Päijät-Hämeen hyvinvointialue", "Päijänne-Tavastlands välfärdsområde", "Päijät-Häme Wellbeing Services County"),
        new("kymenlaakso", "Kymenlaakson hyvinvointialue", "Kymmenedalens välfärdsområde", "Kymenlaakso Wellbeing Services County"),
        new("etela-karjala", "Etelä-Karjalan hyvinvointialue", "Södra Karelens välfärdsområde", "South Karelia Wellbeing Services County"),
        new("etela-savo", "Etelä-Savon hyvinvointialue", "Södra Savolax välfärdsområde", "South Savo Wellbeing Services County"),
        new("pohjois-savo", "Pohjois-Savon hyvinvointialue", "Norra Savolax välfärdsområde", "North Savo Wellbeing Services County"),
        new("pohjois-karjala", "Pohjois-Karjalan hyvinvointialue", "Norra Karelens välfärdsområde", "North Karelia Wellbeing Services County"),
        new("keski-suomi", "Keski-Suomen hyvinvointialue", "Mellersta Finlands välfärdsområde", "Central Finland Wellbeing Services County"),
        new("etela-pohjanmaa", "Etelä-Pohjanmaan hyvinvointialue", "Södra Österbottens välfärdsområde", "South Ostrobothnia Wellbeing Services County"),
        new("pohjanmaa", "Pohjanmaan hyvinvointialue", "Österbottens välfärdsområde", "Ostrobothnia Wellbeing Services County"),
        new("keski-pohjanmaa", "Keski-Pohjanmaan hyvinvointialue", "Mellersta Österbottens välfärdsområde", "Central Ostrobothnia Wellbeing Services County"),
        new("pohjois-pohjanmaa", "Pohjois-Pohjanmaan hyvinvointialue", "Norra Österbottens välfärdsområde", "North Ostrobothnia Wellbeing Services County"),
        new("kainuu", "Kainuun hyvinvointialue", "Kajanalands välfärdsområde", "Kainuu Wellbeing Services County"),
        new("lappi", "Lapin hyvinvointialue", "Lapplands välfärdsområde", "Lapland Wellbeing Services County"),
    ];

    private static readonly HashSet<string> Slugs = All.Select(c => c.Slug).ToHashSet(StringComparer.Ordinal);

    public static bool Exists(string? slug) => slug is not null && Slugs.Contains(slug);
}

public static class CountiesEndpoint
{
    [AllowAnonymous]
    [EndpointSummary("The 22 counties with their names in Finnish, Swedish and English")]
    [ProducesResponseType<IReadOnlyList<County>>(200)]
    [WolverineGet("/api/counties")]
    public static IReadOnlyList<County> Get() => CountyCatalog.All;
}
