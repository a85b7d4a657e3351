using System.Xml.Linq;
using ProjectLedger.Counties;

namespace ProjectLedger.OperatingModels;

/// <summary>The newest published operating models as an Atom feed (RFC 4287), each linking to its page in the public catalogue.</summary>
public static class AtomFeed
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public const int Entries = 50;

    public static string Write(IReadOnlyList<PublicOperatingModel> models, string baseUrl)
    {
        var newest = models.Take(Entries).ToList();
        var feed = new XElement(Atom + "feed",
            new XAttribute(XNamespace.Xml + "lang", "fi"),
            new XElement(Atom + "id", baseUrl + "/julkinen"),
            new XElement(Atom + "title", "ProjectLedger – julkaistut toimintamallit"),
            new XElement(Atom + "updated", (newest.FirstOrDefault()?.PublishedAt ?? DateTimeOffset.UnixEpoch).ToString("O")),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", baseUrl + "/api/public/operating-models/feed")),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", baseUrl + "/julkinen")),
            newest.Select(m => new XElement(Atom + "entry",
                new XElement(Atom + "id", "urn:uuid:" + m.Id),
                new XElement(Atom + "title", m.Title),
                new XElement(Atom + "updated", m.PublishedAt.ToString("O")),
                new XElement(Atom + "published", m.PublishedAt.ToString("O")),
                new XElement(Atom + "author", new XElement(Atom + "name", CountyCatalog.All.FirstOrDefault(c => c.Slug == m.County)?.Fi ?? m.County)),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", $"{baseUrl}/julkinen/{m.Id}")),
                new XElement(Atom + "summary", m.Problem),
                m.Themes.Select(t => new XElement(Atom + "category", new XAttribute("term", t))))));
        return new XDeclaration("1.0", "utf-8", null) + Environment.NewLine + feed;
    }
}
