import { ApiProperty } from '@nestjs/swagger';
import type { TokenPair } from '@tracker/services';

export class TokenResponse {
  @ApiProperty({ description: 'Short-lived JWT: send as Authorization: Bearer <accessToken>' })
  accessToken: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn: number;

  @ApiProperty({ description: 'Opaque, single-use: POST it to /api/auth/refresh for a new pair' })
  refreshToken: string;

  @ApiProperty({ format: 'date-time' })
  refreshExpiresAt: string;
}

export function toTokenResponse(pair: TokenPair): TokenResponse {
  return {
    accessToken: pair.accessToken,
    tokenType: 'Bearer',
    expiresIn: pair.expiresIn,
    refreshToken: pair.refreshToken,
    refreshExpiresAt: pair.refreshExpiresAt.toISOString(),
  };
}
