import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ALL_CONFIGS } from './configuration';
import { EnvSchema } from './env.schema';
import { validateEnv } from './validate-env';

@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      load: ALL_CONFIGS,
      // Checked once at boot: a bad variable stops the process with its name.
      validate: (raw) => {
        validateEnv(EnvSchema, raw as Record<string, string | undefined>);
        return raw;
      },
    }),
  ],
})
export class TrackerConfigModule {}
