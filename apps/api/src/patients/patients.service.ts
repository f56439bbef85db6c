import { Injectable } from '@nestjs/common';
import type { FindPatientsQuery, FindPatientsResponse } from '@telehealth/contracts';
import { UsersRepository } from '../auth/users.repository';

@Injectable()
export class PatientsService {
  constructor(private readonly users: UsersRepository) {}

  /** Patients whose name or email contains the query, for a doctor choosing whom to schedule. */
  async find(query: FindPatientsQuery): Promise<FindPatientsResponse> {
    return { items: await this.users.findPatients(query) };
  }
}
