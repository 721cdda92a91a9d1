using System.Reflection;
using System.Runtime.CompilerServices;
using EthicsBot.Conversation;
using Microsoft.Extensions.Logging;
using NetArchTest.Rules;

namespace EthicsBot.Tests.Architecture;

/// <summary>
/// The layout README.md and docs/architecture.md describe, enforced: no namespace cycle in the bot, features never use infrastructure, and
/// no class takes more than six services.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Bot = typeof(EthicsTeamsBot).Assembly;

    [Fact]
    public void The_bots_namespaces_depend_on_one_another_without_a_cycle()
    {
        var graph = NamespaceGraph(Bot);
        Assert.True(graph.Count > 10, "the graph should hold the bot's namespaces");
        var cycle = FindCycle(graph);
        Assert.True(cycle is null, $"namespace cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void A_cycle_is_found_and_named()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"],
        };
        Assert.Equal(["A", "B", "C", "A"], FindCycle(graph));
        graph["C"].Clear();
        Assert.Null(FindCycle(graph));
    }

    [Fact]
    public void Features_do_not_depend_on_infrastructure()
    {
        var result = Types.InAssembly(Bot).That().ResideInNamespace("EthicsBot.Features")
            .ShouldNot().HaveDependencyOn("EthicsBot.Infrastructure").GetResult();
        Assert.True(result.IsSuccessful, $"features using infrastructure: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void No_class_takes_more_than_six_services()
    {
        var crowded = Bot.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && !t.IsDefined(typeof(CompilerGeneratedAttribute)) && !IsRecord(t))
            .SelectMany(t => t.GetConstructors().Select(c => (Type: t, Services: c.GetParameters().Count(p => IsService(p.ParameterType)))))
            .Where(c => c.Services > 6)
            .Select(c => $"{c.Type.FullName} ({c.Services})")
            .ToList();
        Assert.True(crowded.Count == 0, $"more than six services: {string.Join(", ", crowded)}");
    }

    [Fact]
    public void A_service_is_what_the_container_would_give()
    {
        Assert.True(IsService(typeof(Features.Answers.FaqSearch)));
        Assert.True(IsService(typeof(Microsoft.Extensions.Options.IOptions<Features.Answers.FaqSettings>)));
        Assert.False(IsService(typeof(ILogger<EthicsTeamsBot>)));
        Assert.False(IsService(typeof(string)));
        Assert.False(IsService(typeof(Features.Answers.Answer)));
    }

    /// <summary>Which EthicsBot.* namespace of the assembly uses which other one, read from every type's references.</summary>
    private static Dictionary<string, HashSet<string>> NamespaceGraph(Assembly assembly)
    {
        var namespaces = assembly.GetTypes().Select(NamespaceOf).Where(n => n.StartsWith("EthicsBot.", StringComparison.Ordinal)).ToHashSet();
        var graph = namespaces.ToDictionary(n => n, _ => new HashSet<string>());
        foreach (var from in namespaces)
        {
            foreach (var to in namespaces.Where(n => n != from))
            {
                // Whole-name matching: a namespace's own types, not those of namespaces beneath it.
                var targets = assembly.GetTypes().Where(t => NamespaceOf(t) == to && !t.IsNested).Select(t => t.FullName!).ToArray();
                var result = Types.InAssembly(assembly).That().ResideInNamespaceMatching($"^{System.Text.RegularExpressions.Regex.Escape(from)}$")
                    .Should().NotHaveDependencyOnAny(targets).GetResult();
                if (!result.IsSuccessful)
                    graph[from].Add(to);
            }
        }
        return graph;
    }

    private static string NamespaceOf(Type type)
    {
        while (type.DeclaringType is { } outer)
            type = outer;
        return type.Namespace ?? "";
    }

    /// <summary>A cycle in the graph as the path that closes it (first node repeated at the end), or null.</summary>
    internal static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>(); // 1 on the path, 2 done
        var path = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
            if (Visit(start) is { } found)
                return found;
        return null;

        IReadOnlyList<string>? Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 2)
                return null;
            if (state.GetValueOrDefault(node) == 1)
                return [.. path.Skip(path.IndexOf(node)), node];
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node, []).Order(StringComparer.Ordinal))
                if (Visit(next) is { } found)
                    return found;
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;

    /// <summary>An interface or class a constructor would be given by the container: not data, not a logger.</summary>
    private static bool IsService(Type type) =>
        (type.IsInterface || (type.IsClass && type != typeof(string) && !type.IsArray && !typeof(Delegate).IsAssignableFrom(type) && !IsRecord(type)))
        && !(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ILogger<>)) && type != typeof(ILogger);
}
