import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 人员: a leader named in the reference data, shared across chains. */
@Entity('person')
export class Person {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  name!: string;

  @Column()
  position!: string;
}
