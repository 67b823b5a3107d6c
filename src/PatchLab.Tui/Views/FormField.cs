namespace PatchLab.Tui.Views;

/// <summary>One text field of a form.</summary>
/// <param name="Key">Name the request builder reads it by.</param>
/// <param name="Label">Label shown left of the field.</param>
/// <param name="Value">Initial value.</param>
/// <param name="Hint">What to type, shown while the field has the focus.</param>
internal sealed record FormField(string Key, string Label, string Value = "", string Hint = "");
