using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Shouldly;
using Xunit.Abstractions;

namespace ProjectLedger.Tests.Browser;

/// <summary>
/// A person at the keyboard: reaches every control with Tab (never a click), types, picks options
/// with the arrow keys, Space and Enter. Each form is checked with axe-core empty, with its errors
/// shown and filled in, and photographed.
/// </summary>
public sealed class KeyboardUser(IPage page, ITestOutputHelper output, string shots)
{
    public IPage Page => page;
    public readonly List<string> Violations = [];

    /// <summary>Presses Tab until the target has focus; fails when it is not reachable.</summary>
    public async Task TabTo(ILocator target, int max = 120)
    {
        await target.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        for (var i = 0; i < max; i++)
        {
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement")) return;
            await page.Keyboard.PressAsync("Tab");
        }
        var focused = await page.EvaluateAsync<string>("() => { const a = document.activeElement; return a ? a.outerHTML.slice(0, 200) : 'none'; }");
        throw new ShouldAssertException($"{target} was not reached with {max} Tabs; focus is on {focused}");
    }

    public ILocator Field(string label) => page.GetByLabel(label, new() { Exact = true });

    public async Task Type(string label, string text) => await Type(Field(label), text);

    public async Task Type(ILocator input, string text)
    {
        await TabTo(input);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.InsertTextAsync(text);
        await BrowserSession.Eventually(async () => (await input.InputValueAsync()) == text, TimeSpan.FromSeconds(3),
            async () => $"{input} holds '{await input.InputValueAsync()}' after typing '{text}'");
    }

    /// <summary>A radio group: Tab lands on the group, the arrow keys move to the option (and check it).</summary>
    public async Task Radio(string groupLabel, string option)
    {
        // A group's accessible name is its label followed by its hint.
        var name = new Regex("^" + Regex.Escape(groupLabel) + @"(\s|$)");
        var group = page.GetByRole(AriaRole.Group, new() { NameRegex = name })
            .Or(page.GetByRole(AriaRole.Radiogroup, new() { NameRegex = name })).First;
        var radios = group.GetByRole(AriaRole.Radio);
        var names = new List<string>();
        for (var i = 0; i < await radios.CountAsync(); i++) names.Add((await radios.Nth(i).GetAttributeAsync("value"))!);
        var target = group.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^" + Regex.Escape(option) + @"(\s|$)") });
        var wanted = names.IndexOf((await target.GetAttributeAsync("value"))!);
        await TabTo(radios.First.Or(group.Locator("input[type=radio]:checked")).First);
        var at = names.IndexOf((await page.EvaluateAsync<string>("() => document.activeElement.value"))!);
        if (at == wanted && !await target.IsCheckedAsync()) await page.Keyboard.PressAsync("Space");
        for (; at < wanted; at++) await page.Keyboard.PressAsync("ArrowDown");
        for (; at > wanted; at--) await page.Keyboard.PressAsync("ArrowUp");
        await BrowserSession.Eventually(() => target.IsCheckedAsync(), TimeSpan.FromSeconds(3), () => Task.FromResult($"{groupLabel}: {option} is not checked"));
    }

    public async Task Check(string label)
    {
        var box = page.GetByRole(AriaRole.Checkbox, new() { Name = label, Exact = true });
        await TabTo(box);
        await page.Keyboard.PressAsync("Space");
        await BrowserSession.Eventually(() => box.IsCheckedAsync(), TimeSpan.FromSeconds(3), () => Task.FromResult($"{label} is not checked"));
    }

    /// <summary>suomifi's SingleSelect: type to filter, ArrowDown to the first match, Enter to choose.</summary>
    public async Task Select(string label, string typed, string expected)
    {
        var input = Field(label);
        await TabTo(input);
        await page.Keyboard.InsertTextAsync(typed);
        await page.GetByRole(AriaRole.Option, new() { Name = expected }).First.WaitForAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await BrowserSession.Eventually(async () => (await input.InputValueAsync()) == expected, TimeSpan.FromSeconds(5),
            async () => $"{label} shows '{await input.InputValueAsync()}', not '{expected}'");
        // The list closes and hands focus back to its input a moment later: let it settle before moving on.
        await page.GetByRole(AriaRole.Listbox).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await Task.Delay(300);
    }

    public async Task Activate(ILocator target)
    {
        await TabTo(target);
        await page.Keyboard.PressAsync("Enter");
    }

    public Task Link(string name) => Activate(page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).First);

    /// <summary>Opens a form by its link, checks the focus went to its heading, and scans it empty.</summary>
    public async Task OpenForm(string link, string shot)
    {
        await Link(link);
        await HeadingFocused(link);
        await Axe(shot + "-empty");
    }

    public async Task HeadingFocused(string text)
    {
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = text, Exact = true });
        await h1.WaitForAsync();
        await BrowserSession.Eventually(() => h1.EvaluateAsync<bool>("el => el === document.activeElement"), TimeSpan.FromSeconds(5),
            async () => $"focus is not on the heading '{text}' but on {await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 200)")}; focus went: {await page.EvaluateAsync<string>("() => (window.__focus || []).join(' > ')")}");
    }

    /// <summary>Saves with nothing filled in: the error summary appears and takes focus; scanned and photographed.</summary>
    public async Task SubmitEmpty(string shot)
    {
        await Activate(page.GetByTestId("form-submit"));
        var summary = page.GetByTestId("error-summary");
        await summary.WaitForAsync();
        await BrowserSession.Eventually(() => summary.EvaluateAsync<bool>("el => el.contains(document.activeElement)"), TimeSpan.FromSeconds(5),
            () => Task.FromResult("the error summary did not take focus"));
        await Axe(shot + "-errors");
        await BrowserSession.Screenshot(page, shot + "-errors", output);
    }

    /// <summary>Scans the filled form, photographs it, saves, and waits for the experiment (or project) page's heading to take focus.</summary>
    public async Task Save(string shot, string landingHeading)
    {
        await Axe(shot + "-filled");
        await BrowserSession.Screenshot(page, shot + "-filled", output);
        await Activate(page.GetByTestId("form-submit"));
        await HeadingFocused(landingHeading);
    }

    public async Task Axe(string name)
    {
        var found = await BrowserSession.Axe(page, name, output, all: true);
        Violations.AddRange(found);
    }

    /// <summary>The page is no wider than its viewport: nothing scrolls sideways.</summary>
    public async Task NoSidewaysScroll(string where)
    {
        var (scroll, width) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
        scroll.ShouldBeLessThanOrEqualTo(width, $"{where} scrolls sideways: {scroll} px wide in a {width} px window");
    }

    /// <summary>The last write in the API's history: its events carry the signed-in user and the reason given.</summary>
    public static async Task<JsonArray> LastWrite(HttpClient auditor, Guid id, string user, string? reason, params string[] types)
    {
        var history = (await auditor.GetFromJsonAsync<JsonArray>($"/api/experiments/{id}/history"))!;
        var last = history.Last()!;
        var correlation = last["metadata"]!["correlationId"]?.GetValue<string>();
        var write = new JsonArray(history.Where(e => e!["metadata"]!["correlationId"]?.GetValue<string>() == correlation).Select(e => e!.DeepClone()).ToArray());
        write.Select(e => e!["type"]!.GetValue<string>()).ShouldBe(types, $"history: {history.ToJsonString()[^Math.Min(1500, history.ToJsonString().Length)..]}");
        foreach (var e in write)
        {
            e!["metadata"]!["userId"]!.GetValue<string>().ShouldBe(user);
            if (reason is not null) e["metadata"]!["reason"]?.GetValue<string>().ShouldBe(reason);
        }
        return write;
    }
}
