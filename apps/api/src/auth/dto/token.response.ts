import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TokenPair } from '@tracker/services';

export class TokenResponse {
  @ApiProperty({ description: 'Short-lived JWT: send as Authorization: Bearer <accessToken>' })
  accessToken: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn: number;

  @ApiPropertyOptional({
    description:
      'Opaque, single-use: POST it to /api/auth/refresh for a new pair. Also set as the httpOnly tracker_refresh cookie; left out of the answer to a renewal made with the cookie.',
  })
  refreshToken?: string;

  @ApiProperty({ format: 'date-time' })
  refreshExpiresAt: string;
}

export function toTokenResponse(
  pair: TokenPair,
  opts: { withRefreshToken?: boolean } = {},
): TokenResponse {
  return {
    accessToken: pair.accessToken,
    tokenType: 'Bearer',
    expiresIn: pair.expiresIn,
    ...(opts.withRefreshToken === false ? {} : { refreshToken: pair.refreshToken }),
    refreshExpiresAt: pair.refreshExpiresAt.toISOString(),
  };
}
