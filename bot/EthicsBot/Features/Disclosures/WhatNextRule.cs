using System.Text.Json.Serialization;

namespace EthicsBot.Features.Disclosures;

/// <summary>"When field is one of these values, this is what happens next."</summary>
public sealed class WhatNextRule
{
    [JsonPropertyName("field")] public string Field { get; set; } = "";
    [JsonPropertyName("in")] public List<string> In { get; set; } = [];
    [JsonPropertyName("text")] public string Text { get; set; } = "";
}
