// Errors the emulator returns, serialised as AWS JSON 1.1 errors (`__type` + `message`) so that the
// real SDK raises the named exception class.

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export const clientException = (message: string): ApiError => new ApiError('ClientException', message);
export const invalidParameter = (message: string): ApiError => new ApiError('InvalidParameterException', message);
