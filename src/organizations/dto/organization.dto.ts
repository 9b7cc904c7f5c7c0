import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { NotBlank } from '../../common/not-blank';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../organization-kinds';

export class CreateOrganizationDto {
  @ApiProperty({ example: '孟津区', maxLength: 60 })
  @IsString()
  @NotBlank()
  @MaxLength(60)
  name!: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS, description: 'Must be below the parent organization: province > city > county' })
  @IsIn(ORGANIZATION_KINDS)
  kind!: OrganizationKind;
}

export class RepresentingUnitDto {
  @ApiProperty({ format: 'uuid' })
  unitId!: string;

  @ApiProperty({ example: '洛阳市人民政府' })
  unitName!: string;
}

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '洛阳市' })
  name!: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  kind!: OrganizationKind;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parentId!: string | null;

  @ApiProperty({ description: "Levels below the actor's organization: 0 is its own" })
  depth!: number;

  @ApiProperty({ description: "True only for the actor's own organization: descendants are read-only" })
  writable!: boolean;

  @ApiProperty({
    type: RepresentingUnitDto,
    nullable: true,
    description: 'The unit of the parent organization that stands for this one (tasks assigned to it are delivered here)',
  })
  representedBy!: RepresentingUnitDto | null;
}
