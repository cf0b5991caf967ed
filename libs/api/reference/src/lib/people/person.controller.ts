import { SignedIn } from '@crm/api/core';
import type { PersonView } from '@crm/domain';
import { Controller, Get, NotFoundException, Param, ParseIntPipe } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { toPersonView } from '../view-mappers';
import { Person } from './person.entity';

@ApiTags('人员 people')
@Controller('people')
export class PersonController {
  constructor(@InjectRepository(Person) private readonly people: Repository<Person>) {}

  @SignedIn()
  @Get()
  async findAll(): Promise<PersonView[]> {
    return (await this.people.find({ order: { id: 'ASC' } })).map(toPersonView);
  }

  @SignedIn()
  @Get(':id')
  async findOne(@Param('id', ParseIntPipe) id: number): Promise<PersonView> {
    const person = await this.people.findOneBy({ id });
    if (!person) throw new NotFoundException(`没有编号为 ${id} 的人员 / No person ${id}`);
    return toPersonView(person);
  }
}
