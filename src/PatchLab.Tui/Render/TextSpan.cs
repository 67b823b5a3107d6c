namespace PatchLab.Tui.Render;

/// <summary>A run of text in one tone.</summary>
/// <param name="Text">Text (one line).</param>
/// <param name="Tone">Its meaning.</param>
public sealed record TextSpan(string Text, Tone Tone = Tone.Normal);
