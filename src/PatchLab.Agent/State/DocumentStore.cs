using System.Text;
using System.Text.Json;
using PatchLab.Agent.Hosting;

namespace PatchLab.Agent.State;

/// <summary>
/// Documents on the instance's disk: $STATE/documents/{pending,current,completed,corrupt}/&lt;messageId&gt;.json, moved
/// pending → current → completed as in amazon-ssm-agent's docmanager. A file that cannot be read goes to corrupt/
/// instead of stopping the agent. Cancel requests are marker files in cancel/, so a document's own file has one writer.
/// </summary>
internal sealed class DocumentStore
{
    private readonly string _root;
    private readonly AgentLog _log;

    public DocumentStore(string statePath, AgentLog log)
    {
        _root = Path.Combine(statePath, "documents");
        _log = log;
    }

    public void EnsureLayout()
    {
        foreach (var folder in Enum.GetValues<DocumentFolder>())
        {
            Directory.CreateDirectory(FolderPath(folder));
        }
        Directory.CreateDirectory(CancelPath);
    }

    /// <summary>Which folder holds the message, or null when unknown.</summary>
    public DocumentFolder? Find(string messageId)
    {
        foreach (var folder in new[] { DocumentFolder.Current, DocumentFolder.Completed, DocumentFolder.Pending })
        {
            if (File.Exists(FilePath(folder, messageId)))
            {
                return folder;
            }
        }
        return null;
    }

    public void Save(DocumentFolder folder, DocumentState document) =>
        AtomicFile.WriteJson(FilePath(folder, document.Message.MessageId), document, AgentStateJsonContext.Default.DocumentState);

    public void Move(string messageId, DocumentFolder from, DocumentFolder to) =>
        File.Move(FilePath(from, messageId), FilePath(to, messageId), overwrite: true);

    /// <summary>Loads one document; a corrupt file is moved to corrupt/ and null returned.</summary>
    public DocumentState? Load(DocumentFolder folder, string messageId) => LoadFile(FilePath(folder, messageId));

    /// <summary>Every readable document of a folder, oldest first.</summary>
    public IReadOnlyList<DocumentState> LoadAll(DocumentFolder folder)
    {
        var documents = new List<DocumentState>();
        foreach (var file in Directory.EnumerateFiles(FolderPath(folder), "*.json").Order(StringComparer.Ordinal))
        {
            if (LoadFile(file) is { } document)
            {
                documents.Add(document);
            }
        }
        return documents.OrderBy(d => d.ReceivedAt).ToList();
    }

    /// <summary>Keeps the newest <paramref name="keep"/> completed documents.</summary>
    public void PruneCompleted(int keep)
    {
        var files = new DirectoryInfo(FolderPath(DocumentFolder.Completed)).GetFiles("*.json")
            .OrderByDescending(f => f.LastWriteTimeUtc).ThenByDescending(f => f.Name, StringComparer.Ordinal).ToList();
        foreach (var file in files.Skip(Math.Max(keep, 0)))
        {
            AtomicFile.TryDelete(file.FullName);
            ClearCancel(Path.GetFileNameWithoutExtension(file.Name));
        }
    }

    public void RequestCancel(string messageId) => File.WriteAllText(CancelMarker(messageId), "");

    public bool IsCancelRequested(string messageId) => File.Exists(CancelMarker(messageId));

    public void ClearCancel(string messageId) => AtomicFile.TryDelete(CancelMarker(messageId));

    /// <summary>A message id made safe as a file name: [A-Za-z0-9._-] kept, anything else '_'; no leading dot.</summary>
    public static string FileName(string messageId)
    {
        var builder = new StringBuilder(messageId.Length);
        foreach (var c in messageId)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }
        if (builder.Length == 0 || builder[0] == '.')
        {
            builder.Insert(0, '_');
        }
        return builder.ToString();
    }

    private string CancelPath => Path.Combine(_root, "cancel");

    private string CancelMarker(string messageId) => Path.Combine(CancelPath, FileName(messageId));

    private string FolderPath(DocumentFolder folder) => Path.Combine(_root, folder switch
    {
        DocumentFolder.Pending => "pending",
        DocumentFolder.Current => "current",
        DocumentFolder.Completed => "completed",
        _ => "corrupt",
    });

    private string FilePath(DocumentFolder folder, string messageId) => Path.Combine(FolderPath(folder), FileName(messageId) + ".json");

    private DocumentState? LoadFile(string path)
    {
        try
        {
            var document = AtomicFile.ReadJson(path, AgentStateJsonContext.Default.DocumentState);
            if (document is null)
            {
                return null;
            }
            if (string.IsNullOrEmpty(document.Message.MessageId))
            {
                throw new JsonException("the document has no message id");
            }
            return document;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            var target = Path.Combine(FolderPath(DocumentFolder.Corrupt), Path.GetFileName(path));
            _log.Error("documents", $"{path} is unreadable ({ex.Message}); moved to {target}");
            try
            {
                File.Move(path, target, overwrite: true);
            }
            catch (IOException moveError)
            {
                _log.Error("documents", $"cannot move {path} to corrupt/: {moveError.Message}");
            }
            return null;
        }
    }
}
