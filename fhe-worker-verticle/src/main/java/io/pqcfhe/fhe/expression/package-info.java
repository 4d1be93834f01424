/**
 * The expression language of {@code fhe.compute} operation {@code polynomial}: {@link
 * io.pqcfhe.fhe.expression.ExpressionParser} (text to an immutable {@link io.pqcfhe.fhe.expression.Expr}),
 * {@link io.pqcfhe.fhe.expression.ExpressionPlanner} (tree to a {@link io.pqcfhe.fhe.expression.Plan} of
 * primitive CKKS operations of minimal multiplicative depth) and {@link
 * io.pqcfhe.fhe.expression.PlanExecutor} (a plan run on any {@link io.pqcfhe.fhe.expression.CkksBackend}).
 * Independent of the CKKS engine and of Vert.x (JSON only for error details); every value here is
 * immutable and may be shared between threads. Specification: docs/fhe-expressions.md.
 */
package io.pqcfhe.fhe.expression;
