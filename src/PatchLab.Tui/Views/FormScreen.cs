using Amazon.Runtime;
using PatchLab.Tui.Models;
using PatchLab.Tui.Render;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace PatchLab.Tui.Views;

/// <summary>
/// A form that sends one SSM request: labelled text fields, Tab to move, Enter to send, Esc to cancel. The emulator
/// validates, as AWS does; its refusal ("ValidationException: …") is shown in the form, which stays open with what was
/// typed. A value the form itself cannot read (a number field holding text) is shown the same way before anything is sent.
/// An update form has a <see cref="ReplaceKey"/> field (yes/no) that Ctrl+R toggles from any field.
/// </summary>
internal sealed class FormScreen : Screen
{
    /// <summary>Key of the update forms' Replace field.</summary>
    public const string ReplaceKey = "Replace";

    private const int LabelWidth = 20;

    private readonly FrameView _frame = new() { Width = Dim.Fill(), Height = Dim.Fill(), CanFocus = true };
    private readonly List<(FormField Field, TextField Text)> _fields = [];
    private readonly Label _hint = new() { X = 1, Width = Dim.Fill(1) };
    private readonly Label _error = new() { X = 1, Width = Dim.Fill(1), Height = Dim.Auto() };
    private readonly Func<ISsmConsole, IReadOnlyDictionary<string, string>, CancellationToken, Task<string>> _submit;
    private readonly string _title;
    private bool _sending;

    public FormScreen(IScreenHost host, string title, IReadOnlyList<FormField> fields,
        Func<ISsmConsole, IReadOnlyDictionary<string, string>, CancellationToken, Task<string>> submit)
        : base(host)
    {
        _title = title;
        _submit = submit;
        _frame.Title = title;
        _frame.Add(new Label { X = 1, Y = 0, Text = "Enter sends · Tab next field · Esc cancels" });
        for (int i = 0; i < fields.Count; i++)
        {
            FormField field = fields[i];
            var text = new TextField { X = LabelWidth + 2, Y = i + 1, Width = Dim.Fill(1), Text = field.Value };
            text.HasFocusChanged += (_, e) =>
            {
                if (e.NewValue)
                {
                    _hint.Text = field.Hint;
                }
            };
            _frame.Add(new Label { X = 1, Y = i + 1, Text = field.Label.Length > LabelWidth ? field.Label[..LabelWidth] : field.Label }, text);
            _fields.Add((field, text));
        }

        _hint.Y = fields.Count + 2;
        _error.Y = fields.Count + 3;
        _frame.Add(_hint, _error);
        Add(_frame);
        ViewportChanged += (_, _) => Wrap();
    }

    public override string Name => _title;

    public override IReadOnlyList<ResourceTable> Tables => [];

    public override bool CapturesTyping => true;

    public override IReadOnlyList<KeyHint> Keys => HasReplace
        ? [KeyMap.Send, KeyMap.NextField, KeyMap.Replace, KeyMap.CancelForm]
        : [KeyMap.Send, KeyMap.NextField, KeyMap.CancelForm];

    /// <summary>The form has a Replace field (an update form).</summary>
    public bool HasReplace => _fields.Any(f => f.Field.Key == ReplaceKey);

    /// <summary>The values as typed, by field key.</summary>
    public IReadOnlyDictionary<string, string> Values => _fields.ToDictionary(f => f.Field.Key, f => f.Text.Text ?? "", StringComparer.Ordinal);

    /// <summary>The last refusal shown, or "".</summary>
    public string Error { get; private set; } = "";

    public override void FocusDefault() => _fields.FirstOrDefault().Text?.SetFocus();

    /// <summary>Sets a field's text (tests, prefill after a load).</summary>
    public void Set(string key, string value) => _fields.First(f => f.Field.Key == key).Text.Text = value;

    /// <summary>Turns Replace from no (or empty) to yes and back, and says what it now means; the focus stays where it is.</summary>
    public void ToggleReplace()
    {
        if (_fields.FirstOrDefault(f => f.Field.Key == ReplaceKey).Text is not { } text)
        {
            return;
        }

        bool on = string.Equals((text.Text ?? "").Trim(), "yes", StringComparison.OrdinalIgnoreCase);
        text.Text = on ? "no" : "yes";
        _hint.Text = on
            ? "Replace: no — a field left empty keeps its value"
            : "Replace: yes — every required field is needed; optional ones left empty or not in this form are cleared";
    }

    /// <summary>Moves the focus to the next (or previous) field, wrapping around.</summary>
    public void FocusNext(bool backwards)
    {
        if (_fields.Count == 0)
        {
            return;
        }

        int at = Math.Max(0, _fields.FindIndex(f => f.Text.HasFocus));
        _fields[(at + (backwards ? _fields.Count - 1 : 1)) % _fields.Count].Text.SetFocus();
    }

    public override bool Enter()
    {
        Submit();
        return true;
    }

    /// <summary>Sends the request; the form closes when the emulator accepts it and shows its message when it refuses.</summary>
    public void Submit()
    {
        if (_sending)
        {
            return;
        }

        if (Host.Ssm is not { } ssm)
        {
            ShowError("✗ " + SsmSections.NoEndpoint);
            return;
        }

        _sending = true;
        ShowError("sending…");
        IReadOnlyDictionary<string, string> values = Values;
        _ = RunAsync();

        async Task RunAsync()
        {
            try
            {
                string done = await _submit(ssm, values, Host.Stopping).ConfigureAwait(false);
                Host.Post(() =>
                {
                    Host.Close(this);
                    Host.Flash(done);
                    Host.RefreshNow();
                });
                return;
            }
            catch (OperationCanceledException) when (Host.Stopping.IsCancellationRequested)
            {
                return; // quitting
            }
            catch (AmazonServiceException ex)
            {
                Failed(string.IsNullOrEmpty(ex.ErrorCode) ? $"✗ {ex.Message}" : $"✗ {ex.ErrorCode}: {ex.Message}");
            }
            catch (FormatException ex)
            {
                Failed("✗ " + ex.Message);
            }
#pragma warning disable CA1031 // Anything else (no emulator) is shown in the form, never a crash.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Failed("✗ " + Format.FirstLine(ex.Message));
            }

            void Failed(string message) => Host.Post(() =>
            {
                _sending = false;
                ShowError(message);
            });
        }
    }

    private void ShowError(string text)
    {
        Error = text;
        Wrap();
    }

    private void Wrap()
    {
        int width = Math.Max(10, (Viewport.Width > 0 ? Viewport.Width : 78) - 4);
        _error.Text = string.Join("\n", OutputText.Wrap(Error, width));
    }
}
