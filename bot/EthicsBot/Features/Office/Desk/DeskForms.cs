using System.Buffers;
using System.Globalization;
using System.Text;
using EthicsBot.Features.Disclosures;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace EthicsBot.Features.Office.Desk;

/// <summary>
/// The one place the desk reads a form: before any action runs, the body of every request to <c>/office/api</c> that
/// is not a GET is read here, within limits that fit the desk's own forms, and refused in our words when it is not such
/// a form — 413 for too large a body or field, 400 for too many fields, no form, or another content type. The actions
/// then find the form already read (<see cref="HttpRequest.ReadFormAsync"/> returns it), so none of them meets a bad body.
/// </summary>
internal static partial class DeskForms
{
    /// <summary>
    /// The most characters one field may have: twice the longest field of the desk's forms (an answer, 2,000), because
    /// a browser counts a textarea's line break as one character against its maxlength and sends it as two (CRLF). A
    /// field within this but past its own rule gets that rule's answer ("The answer must be 1 to 2000 characters.").
    /// </summary>
    public static readonly int MaxValueLength = 2 * new[] { ReviewDesk.MaxAnswerLength, ReviewDesk.MaxQuestionLength, ClauseList.MaxLength, DisclosureCards.MaxCommentLength }.Max();

    /// <summary>The most fields a form may have: the desk's largest has three (question, answer, clauses); room to spare.</summary>
    public const int MaxFields = 10;

    /// <summary>
    /// The most bytes a form's body may have: 64 KiB. The largest form (publish: question, answer and clauses, 2,800
    /// characters) is 25 KB percent-encoded at its worst — nine bytes a character, e.g. '€' as %E2%82%AC.
    /// </summary>
    public const int MaxBodyBytes = 64 * 1024;

    private const string FormType = "application/x-www-form-urlencoded";

    /// <summary>Reads the form of every request that is not a GET (or HEAD) before its action runs, or refuses it.</summary>
    public static async ValueTask<object?> ReadFirstAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && await ReadAsync(http, http.RequestAborted).ConfigureAwait(false) is { } refusal)
        {
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "";
            LogRefused(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DeskForms)), http.Request.Method, route, refusal.Reason);
            return Results.Content($"<h1>Not done</h1>{Html.Note(refusal.Text, good: false)}", "text/html; charset=utf-8", Encoding.UTF8, refusal.Status);
        }
        return await next(context).ConfigureAwait(false);
    }

    /// <summary>Why a form was refused: the status, the sentence the member sees, and a reason for the log (no user text).</summary>
    private sealed record Refusal(int Status, string Text, string Reason);

    private static readonly Refusal NoForm = new(StatusCodes.Status400BadRequest,
        "The desk expected a form and got none. Nothing was changed: reload the page and try again.", "no form");

    private static readonly Refusal WrongType = new(StatusCodes.Status400BadRequest,
        "The desk takes a form only as its page sends it (application/x-www-form-urlencoded). Nothing was changed.", "not a URL-encoded form");

    private static readonly Refusal TooLarge = new(StatusCodes.Status413PayloadTooLarge,
        $"The form is larger than the desk takes ({MaxBodyBytes / 1024} KB). Nothing was changed.", "body over the limit");

    private static readonly Refusal ValueTooLong = new(StatusCodes.Status413PayloadTooLarge,
        string.Create(CultureInfo.InvariantCulture, $"A field is longer than the desk takes ({MaxValueLength:N0} characters). Nothing was changed."), "field over the limit");

    private static readonly Refusal TooManyFields = new(StatusCodes.Status400BadRequest,
        $"The form has more fields than any desk form has ({MaxFields} at most). Nothing was changed.", "too many fields");

    private static readonly Refusal Unreadable = new(StatusCodes.Status400BadRequest,
        "The form could not be read. Nothing was changed: reload the page and try again.", "unreadable body");

    /// <summary>Reads the body as a form within the limits and keeps it as the request's form; the refusal when it is not one.</summary>
    /// <summary>
    /// Endpoint metadata for the one desk form that carries a list (a campaign's audience pasted as CSV): its body, and
    /// the one field named <paramref name="Field"/>, may be this large instead of the usual limits.
    /// </summary>
    public sealed record Large(int Bytes, string Field)
    {
        /// <summary>The choices of a multiple select such a form may carry on top of its fields (the teams of an audience).</summary>
        public const int MaxChoices = 500;
    }

    private static async Task<Refusal?> ReadAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var request = http.Request;
        var large = http.GetEndpoint()?.Metadata.GetMetadata<Large>();
        var maxBody = large?.Bytes ?? MaxBodyBytes;
        var tooLarge = large is null ? TooLarge : TooLarge with { Text = $"The form is larger than the desk takes ({large.Bytes / 1024} KB). Nothing was changed." };
        if (string.IsNullOrWhiteSpace(request.ContentType))
            return NoForm;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals(FormType, StringComparison.OrdinalIgnoreCase))
            return WrongType;
        if (request.ContentLength > maxBody)
            return tooLarge;
        // Kestrel stops a longer body itself (a BadHttpRequestException, 413) and drains no more than this of one left unread.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBody;

        string body;
        var buffer = ArrayPool<byte>.Shared.Rent(maxBody + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length, maxBody + 1 - length), cancellationToken).ConfigureAwait(false)) > 0)
                if ((length += read) > maxBody)
                    return tooLarge;
            body = Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (BadHttpRequestException e)
        {
            return e.StatusCode == StatusCodes.Status413PayloadTooLarge ? tooLarge : Unreadable;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // The body is at most maxBody, so the reader's own limits are set not to bind; ours follow, each with its answer.
        using var reader = new FormReader(body) { ValueCountLimit = maxBody, KeyLengthLimit = maxBody, ValueLengthLimit = maxBody };
        var fields = reader.ReadForm();
        if (fields.Sum(f => f.Value.Count) > (large is null ? MaxFields : MaxFields + Large.MaxChoices))
            return TooManyFields;
        if (fields.Any(f => f.Value.Any(v => v?.Length > (f.Key == large?.Field ? maxBody : MaxValueLength))))
            return ValueTooLong;
        request.Form = new FormCollection(fields);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a desk form {Method} {Route}: {Reason}.")]
    private static partial void LogRefused(ILogger logger, string method, string route, string reason);
}
