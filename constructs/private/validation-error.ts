/** Construct-level validation error that names the construct path (after TerraConstructs). */
import { Construct } from 'constructs';
import { Token } from 'cdktf';

/** Thrown from a constructor when its props cannot build a correct resource. */
export class ValidationError extends Error {
  constructor(scope: Construct, message: string) {
    super(`${scope.node.path}: ${message}`);
    this.name = 'ValidationError';
  }
}

/** True when the value is a literal the constructor can check (not an unresolved token). */
export const isLiteral = (value: string): boolean => !Token.isUnresolved(value);
