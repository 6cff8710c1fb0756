using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Backprop.Cells;

/// <summary>
/// Puts the <see cref="Guard"/> into a cell's syntax before it is compiled: <c>Guard.Tick();</c> first in every loop
/// body (<c>while</c>, <c>do</c>, <c>for</c>, <c>foreach</c>), every method's, local function's and constructor's
/// body inside <c>using (Guard.Enter()) { … }</c>, so that depth is counted and given back however the body ends, and
/// every lambda's body counted too: a block inside the same <c>using</c>, an expression <c>e</c> as
/// <c>Guard.Call(() =&gt; e)</c> (overload resolution picks the value-returning or the void form, as it would for
/// <c>e</c>).
/// </summary>
/// <remarks>
/// Not guarded: an <c>async</c> lambda (it awaits, so Stop reaches it), a lambda with <c>ref</c>/<c>out</c>/<c>in</c>
/// parameters or a <c>throw</c> body, property accessors, and <c>goto</c> loops. A lambda whose body has no type of
/// its own (<c>() =&gt; null</c>, <c>() =&gt; default</c>) does not compile inside <c>Guard.Call</c>; the runner then
/// compiles the cell with its lambdas as written (<c>guardLambdas: false</c>). The compiler sees the guarded tree only
/// when the cell has no errors: errors are reported on the cell as written (<see cref="CellSession"/>), so their lines
/// and columns are the student's.
/// </remarks>
internal sealed class GuardInstrumenter : CSharpSyntaxRewriter
{
    private static readonly StatementSyntax TickStatement = SyntaxFactory.ParseStatement("global::Backprop.Cells.Guard.Tick();");
    private static readonly ExpressionSyntax EnterExpression = SyntaxFactory.ParseExpression("global::Backprop.Cells.Guard.Enter()");
    private static readonly ExpressionSyntax CallName = SyntaxFactory.ParseExpression("global::Backprop.Cells.Guard.Call");

    private readonly bool _guardLambdas;

    private GuardInstrumenter(bool guardLambdas) => _guardLambdas = guardLambdas;

    /// <summary>
    /// <paramref name="tree"/> with the guard in its loops and methods, and in its lambdas unless
    /// <paramref name="guardLambdas"/> is false, parsed with the same (script) options.
    /// </summary>
    public static SyntaxTree Instrument(SyntaxTree tree, bool guardLambdas = true)
    {
        var root = new GuardInstrumenter(guardLambdas).Visit(tree.GetRoot());
        return CSharpSyntaxTree.Create((CSharpSyntaxNode)root, (CSharpParseOptions)tree.Options);
    }

    /// <summary>Whether <paramref name="tree"/> has a lambda or anonymous method that <see cref="Instrument"/> would guard.</summary>
    public static bool HasGuardedLambdas(SyntaxTree tree) =>
        tree.GetRoot().DescendantNodes().OfType<AnonymousFunctionExpressionSyntax>().Any(Guardable);

    /// <summary>
    /// The node with its children guarded first (<see cref="CSharpSyntaxRewriter"/> visits them), then, if it is a
    /// loop, a tick first in its body, and if it is a method, local function or constructor, its body counted.
    /// </summary>
    [return: NotNullIfNotNull(nameof(node))]
    public override SyntaxNode? Visit(SyntaxNode? node) => base.Visit(node) switch
    {
        WhileStatementSyntax loop => loop.WithStatement(Ticking(loop.Statement)),
        DoStatementSyntax loop => loop.WithStatement(Ticking(loop.Statement)),
        ForStatementSyntax loop => loop.WithStatement(Ticking(loop.Statement)),
        CommonForEachStatementSyntax loop => loop.WithStatement(Ticking(loop.Statement)),
        MethodDeclarationSyntax method when Counted(method.Body, method.ExpressionBody, Returns(method.ReturnType, method.Modifiers)) is { } body =>
            method.WithBody(body).WithExpressionBody(null).WithSemicolonToken(default),
        LocalFunctionStatementSyntax function when Counted(function.Body, function.ExpressionBody, Returns(function.ReturnType, function.Modifiers)) is { } body =>
            function.WithBody(body).WithExpressionBody(null).WithSemicolonToken(default),
        ConstructorDeclarationSyntax constructor when Counted(constructor.Body, constructor.ExpressionBody, returnsValue: false) is { } body =>
            constructor.WithBody(body).WithExpressionBody(null).WithSemicolonToken(default),
        AnonymousFunctionExpressionSyntax function when _guardLambdas && Guardable(function) => Counted(function),
        var visited => visited,
    };

    /// <summary>A lambda's block inside <c>using (Guard.Enter())</c>, or its expression <c>e</c> as <c>Guard.Call(() =&gt; e)</c>.</summary>
    private static AnonymousFunctionExpressionSyntax Counted(AnonymousFunctionExpressionSyntax function) =>
        function.Block is { } block
            ? function.WithBlock(SyntaxFactory.Block(SyntaxFactory.UsingStatement(null, EnterExpression, block)))
            : function.WithExpressionBody(SyntaxFactory.InvocationExpression(
                CallName,
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                    SyntaxFactory.ParenthesizedLambdaExpression(function.ExpressionBody!))))));

    /// <summary>Not async, no <c>ref</c>/<c>out</c>/<c>in</c> parameter (an inner lambda could not capture it), not a <c>throw</c> body.</summary>
    private static bool Guardable(AnonymousFunctionExpressionSyntax function)
    {
        var parameters = function switch
        {
            SimpleLambdaExpressionSyntax simple => [simple.Parameter],
            ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters,
            AnonymousMethodExpressionSyntax anonymous => anonymous.ParameterList?.Parameters ?? [],
            _ => (IEnumerable<ParameterSyntax>)[],
        };
        return !function.Modifiers.Any(SyntaxKind.AsyncKeyword)
            && !parameters.Any(parameter => parameter.Modifiers.Count > 0)
            && (function.Block is not null || function.ExpressionBody is not (null or ThrowExpressionSyntax));
    }

    /// <summary>The loop body with a tick first.</summary>
    private static BlockSyntax Ticking(StatementSyntax body) =>
        body is BlockSyntax block
            ? block.WithStatements(block.Statements.Insert(0, TickStatement))
            : SyntaxFactory.Block(TickStatement, body);

    /// <summary>
    /// <c>{ using (Guard.Enter()) { body } }</c>; an expression body becomes <c>return expression;</c> (or the bare
    /// statement when the method returns nothing). Null for a method without a body.
    /// </summary>
    private static BlockSyntax? Counted(BlockSyntax? body, ArrowExpressionClauseSyntax? expressionBody, bool returnsValue)
    {
        BlockSyntax inner;
        if (body is not null)
        {
            inner = body;
        }
        else if (expressionBody is not null)
        {
            var expression = expressionBody.Expression;
            StatementSyntax statement = expression switch
            {
                ThrowExpressionSyntax thrown => SyntaxFactory.ThrowStatement(thrown.Expression),
                _ when returnsValue => SyntaxFactory.ReturnStatement(expression),
                _ => SyntaxFactory.ExpressionStatement(expression),
            };
            inner = SyntaxFactory.Block(statement);
        }
        else
        {
            return null;
        }

        return SyntaxFactory.Block(SyntaxFactory.UsingStatement(null, EnterExpression, inner));
    }

    /// <summary>
    /// Whether a method's body returns a value: not <c>void</c>, and not an <c>async</c> method returning a plain
    /// <c>Task</c> or <c>ValueTask</c>.
    /// </summary>
    private static bool Returns(TypeSyntax returnType, SyntaxTokenList modifiers)
    {
        if (returnType is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(SyntaxKind.VoidKeyword))
        {
            return false;
        }

        var name = returnType switch
        {
            QualifiedNameSyntax qualified => qualified.Right,
            AliasQualifiedNameSyntax aliased => aliased.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
        var isAsync = modifiers.Any(SyntaxKind.AsyncKeyword);
        return !(isAsync && name is IdentifierNameSyntax { Identifier.ValueText: "Task" or "ValueTask" });
    }
}
