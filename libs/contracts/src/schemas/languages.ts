import { z } from 'zod';
import { LANGUAGES } from '../languages';

export const ZLanguageSchema = z.enum(LANGUAGES);
