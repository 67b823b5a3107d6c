namespace PatchLab.Tui.Render;

/// <summary>
/// What a piece of text means, not its colour: the view maps tones to the 16 basic colours, so meaning survives a
/// 16-colour terminal; bars and cells also use a glyph per meaning (█ done, ▓ failed, ▒ in flight, ░ unreported) so it
/// survives no colour at all.
/// </summary>
public enum Tone
{
    /// <summary>Plain text.</summary>
    Normal,
    /// <summary>Less important: waiting, unreported, legends.</summary>
    Dim,
    /// <summary>Success, compliant, online.</summary>
    Good,
    /// <summary>Running or queued.</summary>
    Busy,
    /// <summary>Needs attention but not failed: cancelled, missing patches.</summary>
    Warn,
    /// <summary>Failed, timed out, non-compliant, connection lost.</summary>
    Bad,
    /// <summary>Section titles.</summary>
    Heading,
}
