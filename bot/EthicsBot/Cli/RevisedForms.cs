using System.Text.Json.Nodes;
using EthicsBot.Knowledge.Revisions;

namespace EthicsBot.Cli;

/// <summary>
/// Moves the clause references of an organisation's disclosure forms (<c>knowledge/forms/&lt;org&gt;/*.json</c>):
/// a form's <c>clauses</c> list takes every part of a split clause; a field's guidance (<c>clause</c> beside its
/// <c>text</c>) takes the part its text is about; a reference that cannot be placed is left as it was and listed.
/// </summary>
internal static class RevisedForms
{
    public static async Task<IReadOnlyList<FormRemap>> RemapAsync(string folder, ReferenceRemapper remapper)
    {
        if (!Directory.Exists(folder))
            return [];
        var forms = new List<FormRemap>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var root = JsonNode.Parse(await File.ReadAllTextAsync(file).ConfigureAwait(false))
                       ?? throw new InvalidDataException($"{file}: empty form.");
            var moved = new List<string>();
            var forOffice = new List<string>();
            await VisitAsync(root, remapper, moved, forOffice).ConfigureAwait(false);
            forms.Add(new FormRemap(Path.GetFileName(file), moved, forOffice, root));
        }
        return forms;
    }

    private static async Task VisitAsync(JsonNode? node, ReferenceRemapper remapper, List<string> moved, List<string> forOffice)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array.ToList())
                await VisitAsync(item, remapper, moved, forOffice).ConfigureAwait(false);
            return;
        }
        if (node is not JsonObject obj)
            return;
        foreach (var name in obj.Select(p => p.Key).ToList())
        {
            var value = obj[name];
            if (name == "clauses" && value is JsonArray list && list.All(v => v is JsonValue))
                obj[name] = await RemapListAsync(list, remapper, moved, forOffice).ConfigureAwait(false);
            else if (name == "clause" && value is JsonValue single && single.TryGetValue<string>(out var id))
                obj[name] = await RemapOneAsync(id, obj["text"]?.GetValue<string>(), remapper, moved, forOffice).ConfigureAwait(false);
            else
                await VisitAsync(value, remapper, moved, forOffice).ConfigureAwait(false);
        }
    }

    private static async Task<JsonArray> RemapListAsync(JsonArray list, ReferenceRemapper remapper, List<string> moved, List<string> forOffice)
    {
        var ids = list.Select(v => v!.GetValue<string>()).ToList();
        var remapped = await remapper.RemapAsync(ids, null, CancellationToken.None).ConfigureAwait(false);
        if (!ids.SequenceEqual(remapped.Clauses))
            moved.Add($"clauses [{string.Join(", ", ids)}] -> [{string.Join(", ", remapped.Clauses)}]");
        forOffice.AddRange(remapped.ForOffice.Select(id => $"clauses: {id}"));
        return new JsonArray(remapped.Clauses.Select(id => (JsonNode)JsonValue.Create(id)).ToArray());
    }

    private static async Task<string> RemapOneAsync(string id, string? text, ReferenceRemapper remapper, List<string> moved, List<string> forOffice)
    {
        var remapped = await remapper.RemapAsync([id], text, CancellationToken.None).ConfigureAwait(false);
        if (remapped.Clauses.Count != 1)
        {
            forOffice.Add($"guidance: {id}");
            return id;
        }
        if (remapped.Clauses[0] != id)
            moved.Add($"guidance {id} -> {remapped.Clauses[0]}");
        return remapped.Clauses[0];
    }
}
